// Drives xenwbem with Intel's WS-Man message builder (npm @device-management-toolkit/wsman-messages):
// the library builds every envelope (default SOAP namespace, integer MessageIDs, wsa:To "/wsman",
// MaxCharacters in Pull); the transport is ours: Node https, Basic auth, certificate not checked.
//
// usage: node intel_wsman.mjs NPM_PREFIX URL USER PASSWORD COMMAND [ARGS...]
//   identify
//   enum CLASS MAXELEMENTS            Enumerate, then Pull (MaxElements, MaxCharacters 99999) to the end
//   get CLASS NAME=VALUE[,NAME=VALUE]  Get with selectors (rendered by the library)
//   invoke CLASS METHOD NAME=VALUE[,...] PARAM=VALUE...   Invoke METHOD on the instance named by the selectors
// Prints one JSON line per HTTP exchange: status, content type, the MessageID sent, RelatesTo,
// fault code/subcode/detail, the Name and ElementName values in the Body, context/EndOfSequence.
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';

const [prefix, url, user, password, command, ...args] = process.argv.slice(2);
const require = createRequire(path.join(prefix, 'package.json'));
const { WSManMessageCreator } = require('@device-management-toolkit/wsman-messages/WSMan');

const RESOURCE_BASE = 'http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/';
const ENUMERATE = 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate';
const PULL = 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull';
const GET = 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Get';
const creator = new WSManMessageCreator(RESOURCE_BASE);

function post(xml) {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      rejectUnauthorized: false,
      headers: {
        'Content-Type': 'application/soap+xml; charset=utf-8',
        'Content-Length': Buffer.byteLength(xml, 'utf8'),
        Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
      },
      timeout: 30000,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, contentType: res.headers['content-type'] || '',
        body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(xml, 'utf8');
  });
}

// Tag matching by local name, whatever the prefix (the library's peers answer with any prefix).
const el = (name) => new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}>`, 'g');
const all = (body, name) => [...body.matchAll(el(name))].map((m) => m[1].trim());
const one = (body, name) => all(body, name)[0] ?? null;
const has = (body, name) => new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`).test(body);
const sentId = (xml) => one(xml, 'MessageID');

function report(op, xml, r, extra = {}) {
  const body = r.body;
  const out = {
    op, status: r.status, contentType: r.contentType, messageId: sentId(xml), relatesTo: one(body, 'RelatesTo'),
    fault: has(body, 'Fault'), names: all(body, 'Name'), elementNames: all(body, 'ElementName'),
    context: one(body, 'EnumerationContext'), endOfSequence: has(body, 'EndOfSequence'), ...extra,
  };
  if (out.fault) {
    out.code = all(body, 'Value');
    out.faultDetail = one(body, 'FaultDetail');
    out.wsmanFault = /<(?:[\w.-]+:)?WSManFault[^>]*Code="(\d+)"/.exec(body)?.[1] ?? null;
  }
  if (op === 'identify' || op === 'invoke' || out.fault || r.status !== 200) {
    out.body = body.slice(0, 4000);
  }
  console.log(JSON.stringify(out));
  return out;
}

function selectorOf(arg) {
  const i = arg.indexOf('=');
  return { name: arg.slice(0, i), value: arg.slice(i + 1) };
}

// A header with the selectors "K=V,K2=V2". The library renders one {name, value} selector; its
// several-selector form writes empty values for plain strings, so several are merged from its
// one-selector output into one SelectorSet.
function headerWith(action, cls, selectors) {
  const list = selectors.split(',').map(selectorOf);
  if (list.length === 1) {
    return creator.createHeader(action, cls, list[0]);
  }
  const inner = list.map((s) => creator.createSelector(s).replace('<w:SelectorSet>', '').replace('</w:SelectorSet>', ''));
  return creator.createHeader(action, cls).replace('</Header>', `<w:SelectorSet>${inner.join('')}</w:SelectorSet></Header>`);
}

async function identify() {
  // the library has no Identify builder; this is DSP0226 §11's request, in the library's style
  const xml = '<?xml version="1.0" encoding="utf-8"?><Envelope xmlns="http://www.w3.org/2003/05/soap-envelope" '
    + 'xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd"><Header></Header>'
    + '<Body><wsmid:Identify/></Body></Envelope>';
  const r = await post(xml);
  report('identify', xml, r, { productVendor: one(r.body, 'ProductVendor'), protocolVersion: one(r.body, 'ProtocolVersion') });
}

async function enumerate(cls, maxElements) {
  let xml = creator.createXml(creator.createHeader(ENUMERATE, cls), creator.createCommonBody.Enumerate());
  let r = report('enumerate', xml, await post(xml));
  let pulls = 0;
  while (r.status === 200 && r.context && !r.endOfSequence && pulls < 1000) {
    pulls++;
    xml = creator.createXml(creator.createHeader(PULL, cls), creator.createCommonBody.Pull(r.context, maxElements));
    r = report('pull', xml, await post(xml));
  }
  console.log(JSON.stringify({ op: 'done', pulls }));
}

async function get(cls, selector) {
  const xml = creator.createXml(headerWith(GET, cls, selector), creator.createCommonBody.Get());
  report('get', xml, await post(xml));
}

async function invoke(cls, method, selector, params) {
  const data = {};
  for (const p of params) {
    const { name, value } = selectorOf(p);
    data[name] = value;
  }
  const header = headerWith(`${RESOURCE_BASE}${cls}/${method}`, cls, selector);
  const xml = creator.createXml(header, creator.createBody(`${method}_INPUT`, cls, data));
  const r = await post(xml);
  report('invoke', xml, r, { output: has(r.body, `${method}_OUTPUT`), returnValue: one(r.body, 'ReturnValue') });
}

try {
  switch (command) {
    case 'identify': await identify(); break;
    case 'enum': await enumerate(args[0], Number(args[1])); break;
    case 'get': await get(args[0], args[1]); break;
    case 'invoke': await invoke(args[0], args[1], args[2], args.slice(3)); break;
    default: throw new Error(`unknown command ${command}`);
  }
} catch (e) {
  console.log(JSON.stringify({ error: String(e && e.stack || e) }));
  process.exit(2);
}
