// Passkey pages (allauth's WebAuthn forms) under Twoway's CSP: a static file, no inline code.
// - Without JavaScript the passkey buttons stay hidden and a note says why; with it (and a
//   browser that has WebAuthn) the buttons appear and the note goes.
// - allauth reports a failed or cancelled passkey as an "allauth.error" event (otherwise
//   only in the console): show Twoway's note instead, next to the form.
(function () {
  'use strict'
  if (window.PublicKeyCredential) {
    document.querySelectorAll('[data-passkey-js-only]').forEach(function (el) { el.hidden = false })
    document.querySelectorAll('[data-passkey-needs-js]').forEach(function (el) { el.hidden = true })
  }
  document.addEventListener('allauth.error', function (event) {
    const note = document.querySelector('[data-passkey-error]')
    if (!note) return
    event.preventDefault()
    note.hidden = false
    note.focus()
  })
})()
