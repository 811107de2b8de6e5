// The workbench page: sign in with a key, then the queue, the alert view, rule sets and the chart.
import { forgetKey, savedKey, saveKey } from './api.js'
import { openAlert, startDisposition } from './alert-view.js'
import { loadCases } from './cases.js'
import { loadChart } from './chart.js'
import { startQueue } from './queue.js'
import { loadRulesets } from './rulesets.js'

const $ = (id) => document.getElementById(id)

function showSignIn(message = '') {
  $('bench').hidden = true
  $('sign-out').hidden = true
  $('sign-in').hidden = false
  $('sign-in-error').textContent = message
}

async function enter() {
  try {
    // the first call checks the key: an unknown key or one without the analyst role goes back to sign-in
    await startQueue((alert) => openAlert(alert).catch((err) => ($('alert-summary').textContent = err.message)))
  } catch (err) {
    forgetKey()
    return showSignIn(err.message)
  }
  $('sign-in').hidden = true
  $('bench').hidden = false
  $('sign-out').hidden = false
  startDisposition()
  loadRulesets().catch((err) => ($('versions').textContent = err.message))
  loadCases().catch((err) => ($('cases').textContent = err.message))
  loadChart().catch((err) => ($('chart-note').textContent = err.message))
}

$('sign-in').addEventListener('submit', (e) => {
  e.preventDefault()
  saveKey($('key').value.trim())
  $('key').value = ''
  enter()
})
$('sign-out').addEventListener('click', () => {
  forgetKey()
  location.reload()
})

if (savedKey()) enter()
else showSignIn()
