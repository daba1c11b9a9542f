// Runs first in <body>: GOV.UK Frontend styles its JavaScript-enhanced components only when told the
// browser can run them, and every page works without JavaScript.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
