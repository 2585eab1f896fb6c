// The same entitlement check in nginx's JavaScript module (njs 0.7.9), for
// comparison with the VCL: demo keys; no revocation (no shared state between
// workers before njs 0.8), no purge by story key, no receipts.
var crypto = require('crypto');
var KEYS = {k2: 'demo-edge-key-two-0123456789abcdef0123456789', k1: 'demo-edge-key-one-0123456789abcdef0123456789'};
function entitled(r) {
    var c = r.variables.cookie_mt_ent || '';
    var m = /^e1\.([a-z0-9]{1,8})\.([0-9]{1,12})\.([A-Za-z0-9_-]{8,40})\.([0-9]{10})\.([0-9]{10})\.([A-Za-z0-9_-]{43})$/.exec(c);
    if (!m || !KEYS[m[1]]) return '0';
    var msg = c.slice(0, c.lastIndexOf('.'));
    var mac = crypto.createHmac('sha256', KEYS[m[1]]).update(msg).digest('base64url');
    var now = Math.floor(Date.now() / 1000);
    if (mac !== m[6] || +m[5] <= now || +m[5] - +m[4] > 900) return '0';
    return '1';
}
export default {entitled};
