import { Type } from '@sinclair/typebox';

const common = {
  user_id: Type.Integer(),
  nickname: Type.String(),
  name: Type.String(),
  email: Type.String(),
  site_id: Type.String(),
  country_id: Type.String(),
  currency_id: Type.String(),
  application_id: Type.Integer(),
  public_key: Type.String(),
  webhook_secret: Type.String(),
};

export const CreatedSellerBody = Type.Object({ ...common, access_token: Type.String(), depay_api_key: Type.String() });

export const SellerPage = Type.Object({
  paging: Type.Object({ total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }),
  results: Type.Array(Type.Object({ ...common, date_created: Type.String() })),
});

export const IssuedToken = Type.Object({ user_id: Type.Integer(), access_token: Type.String() });

export const SELLER_EXAMPLE = {
  user_id: 1000000001,
  nickname: 'TESTUSER1000000001',
  name: 'Panaderia Norte',
  email: 'test_user_1000000001@testuser.com',
  site_id: 'MLA',
  country_id: 'AR',
  currency_id: 'ARS',
  application_id: 5000000001,
  access_token: 'APP_USR-5000000001-011513-0f1e2d3c4b5a69788796a5b4c3d2e1f0-1000000001',
  public_key: 'APP_USR-8c1f7a52-3b6e-4f0a-9d2c-5e7b1a4c9f30',
  webhook_secret: '6f0d3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180716253443526170',
  depay_api_key: 'dpk_test_S2xvX3J1ZV9kZV9lamVtcGxvX2RlcGF5',
};
