// XenAPI fidelity witness: Xen Orchestra's npm `xen-api` against a pool.
//
// Env: XEN_API_MODULE (path of xen-api's index.mjs), XAPI_URL, XAPI_USER, XAPI_PASSWORD, and optionally
// XAPI_TEST_VM (name label of a disposable, halted VM). Connects (JSON-RPC first, as xen-api does),
// lists records, follows event.from through xen-api's own event loop, runs an async VM start whose
// task xen-api watches through those events, and disconnects. Prints one line per step and "OK".
import { pathToFileURL } from 'node:url'

const { createClient } = await import(pathToFileURL(process.env.XEN_API_MODULE).href)
const url = process.env.XAPI_URL
const xapi = createClient({
  url,
  auth: { user: process.env.XAPI_USER, password: process.env.XAPI_PASSWORD },
  allowUnauthorized: true,
  watchEvents: ['VM', 'task', 'pool', 'host'],
  eventPollDelay: 1000,
})

const fail = message => {
  console.error(message)
  process.exit(1)
}
const timeout = setTimeout(() => fail('timed out'), 60_000)

await xapi.connect()
console.log('login ok')
const records = await xapi.call('VM.get_all_records')
console.log(`records vms=${Object.keys(records).length}`)
await xapi.objectsFetched
const cached = xapi.objects.all
const vms = Object.values(cached).filter(o => o.$type === 'VM')
console.log(`event loop cached vms=${vms.length}`)
if (vms.length !== Object.keys(records).length) fail('the event loop cache differs from VM.get_all_records')

const name = process.env.XAPI_TEST_VM
if (name) {
  const [ref] = await xapi.call('VM.get_by_name_label', name)
  const result = await xapi.callAsync('VM.start', ref, false, false)
  console.log(`task success result=${JSON.stringify(result)}`)
  const deadline = Date.now() + 15_000
  while (xapi.getObjectByRef(ref).power_state !== 'Running') {
    if (Date.now() > deadline) fail('event.from never reported the VM running')
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  console.log('event vm power_state=Running')
  await xapi.callAsync('VM.hard_shutdown', ref)
} else {
  console.log('no XAPI_TEST_VM: power operations skipped')
}
try {
  await xapi.call('VM.get_record', 'OpaqueRef:00000000-0000-0000-0000-000000000000')
  fail('expected HANDLE_INVALID')
} catch (error) {
  if (error.code !== 'HANDLE_INVALID') fail(`unexpected error ${error.code}: ${error.message}`)
  console.log(`failure ${error.code}`)
}
await xapi.disconnect()
// disconnect() sends session.logout without awaiting it: give it a moment before exiting
await new Promise(resolve => setTimeout(resolve, 500))
clearTimeout(timeout)
console.log('OK')
process.exit(0)
