import t from 'tap';
import { createRenderer } from '../../ssr/index.js';
import { renderContract, SITE_ORIGIN } from './render-contract.js';

const render = createRenderer({ siteOrigin: SITE_ORIGIN });
renderContract(t, async ({ method, ...req }) => {
  const result = await render(req);
  return method === 'HEAD' ? { ...result, html: '' } : result;
});
