import { MercadoPagoConfig, Order } from 'mercadopago';
import sdkConfig from 'mercadopago/dist/utils/config/index.js';

// The SDK types BASE_URL as readonly, but it is a plain static its RestClient reads on every
// request; defineProperty replaces it with a typed call (process-wide, for every client).
Object.defineProperty(sdkConfig.AppConfig, 'BASE_URL', { value: 'http://localhost:8080' });

const orders = new Order(new MercadoPagoConfig({ accessToken: process.env.CAJA_TOKEN ?? '' }));
