// The demo page: every button calls the demo's API, shows the answer and links to the events it recorded.
(function () {
    'use strict';

    function show(output, ok, message, link) {
        output.textContent = message;
        output.className = ok ? 'ok' : 'bad';
        if (link) {
            output.appendChild(document.createTextNode(' '));
            var a = document.createElement('a');
            a.href = link;
            a.className = 'audit-link';
            a.textContent = 'See it in the audit trail';
            output.appendChild(a);
        }
    }

    function body(button) {
        var form = new URLSearchParams();
        (button.getAttribute('data-fields') || '').split(',').filter(Boolean).forEach(function (pair) {
            var parts = pair.split('=');
            form.append(parts[0], document.getElementById(parts[1]).value);
        });
        return form;
    }

    function call(button, output) {
        var method = button.getAttribute('data-method') || 'POST';
        var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
        if (method === 'POST') { init.body = body(button); }
        return fetch(button.getAttribute('data-path'), init).then(function (response) {
            var requestId = response.headers.get('X-Request-ID');
            return response.json().catch(function () { return {}; }).then(function (json) {
                var message = response.status + ' ' + (json.message || json.error || (json.name ? 'viewed ' + json.name : ''));
                show(output, response.ok, message, requestId ? 'audit/#/events?requestId=' + encodeURIComponent(requestId) : null);
            });
        });
    }

    // wrong passwords over HTTP BASIC, without the session cookie, so the page's own login stays untouched; one
    // attempt after the other until the lockout refuses one (at most ten)
    function lockout(output) {
        var answers = [];
        function attempt(n) {
            return fetch('api/me', { credentials: 'omit', headers: { Authorization: 'Basic ' + btoa('mallory:guess-' + n) } })
                .then(function (response) {
                    answers.push(n + ': ' + (response.status === 403 ? 'refused (403)' : response.status === 401 ? 'wrong password (401)' : 'HTTP ' + response.status));
                    if (response.status !== 403 && n < 10) {
                        return new Promise(function (resolve) { setTimeout(resolve, 300); }).then(function () { return attempt(n + 1); });
                    }
                    show(output, true, answers.join(', ') + '. Over five failures the name and your address are locked out:'
                        + ' later attempts are refused before their password is checked', 'audit/#/events?category=AUTHENTICATION%2CSECURITY');
                });
        }
        return attempt(1);
    }

    function monitor(output) {
        return fetch("api/invoices?customer=' or 1=1 --", { credentials: 'same-origin' }).then(function (response) {
            show(output, true, response.status + ': the request was answered, and recorded as suspicious', 'audit/#/security');
        });
    }

    document.querySelectorAll('section.try button').forEach(function (button) {
        var output = button.parentNode.querySelector('output');
        button.addEventListener('click', function () {
            output.textContent = '…';
            var special = button.getAttribute('data-special');
            var done = special === 'lockout' ? lockout(output) : special === 'monitor' ? monitor(output) : call(button, output);
            done.catch(function (error) { show(output, false, error.message, null); });
        });
    });

    fetch('api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (me) { if (me.name) { document.getElementById('who').textContent = 'logged in as ' + me.name; } });
}());
