// Headers from the event reach the render with lower-case names and their comma-joined values intact;
// FC's own x-fc-* headers (which may carry credentials) do not.
import t from 'tap';
import { toRenderRequest } from '../../functions/fc-event.js';
import { commaJoinedHeaders } from '../fixtures/fc-events.js';

const { request } = toRenderRequest(commaJoinedHeaders);
t.same(request.headers, {
  'accept-language': 'zh-CN,en;q=0.8',
  cookie: 'a=1; b=2',
  'x-forwarded-for': '203.0.113.7,10.0.0.1',
});
