// The audit browser: every value from the API reaches the page through textContent or an attribute,
// never as markup.
(function () {
    'use strict';

    var CATEGORIES = ['ACTION', 'ACCESS', 'AUTHENTICATION', 'EXPORT', 'SYSTEM', 'SECURITY'];
    var COLOURS = { ACTION: '#2455a4', ACCESS: '#4f9bd9', AUTHENTICATION: '#8a5cc7', EXPORT: '#d08a1e', SYSTEM: '#6b7587', SECURITY: '#c4362c' };
    var OUTCOMES = ['SUCCESS', 'FAILURE', 'DENIED'];
    var FILTERS = ['actor', 'action', 'category', 'outcome', 'targetType', 'targetId', 'correlationId', 'requestId',
        'clientAddress', 'from', 'to', 'text', 'ownReads'];
    var meta = null; // the viewer, the @Audited entity names and the years the trail holds (api/meta)
    var SVG = 'http://www.w3.org/2000/svg';
    var view = document.getElementById('view');
    var status = document.getElementById('status');

    function el(tag, attrs, children) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (name) {
            if (name === 'text') { node.textContent = attrs.text; } else { node.setAttribute(name, attrs[name]); }
        });
        (children || []).forEach(function (child) {
            node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
        });
        return node;
    }

    function svg(tag, attrs) {
        var node = document.createElementNS(SVG, tag);
        Object.keys(attrs || {}).forEach(function (name) {
            if (name === 'text') { node.textContent = attrs.text; } else { node.setAttribute(name, attrs[name]); }
        });
        return node;
    }

    function text(value) {
        if (value === null || value === undefined) { return ''; }
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }

    function clear(node) {
        while (node.firstChild) { node.removeChild(node.firstChild); }
    }

    function query(params) {
        return Object.keys(params).filter(function (k) { return params[k] !== undefined && params[k] !== null && params[k] !== ''; })
            .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]); }).join('&');
    }

    function api(path, params) {
        var q = params ? query(params) : '';
        return fetch('api/' + path + (q ? '?' + q : ''), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
            .then(function (response) {
                return response.json().catch(function () { return {}; }).then(function (body) {
                    if (!response.ok) { throw new Error(body.error || ('HTTP ' + response.status)); }
                    return body;
                });
            });
    }

    function fail(error) {
        status.textContent = error.message;
    }

    function route() {
        status.textContent = '';
        clear(view);
        if (!meta) {
            api('meta').then(function (m) { meta = m; route(); }).catch(fail);
            return;
        }
        var hash = location.hash.replace(/^#\/?/, '');
        var questionMark = hash.indexOf('?');
        var path = (questionMark < 0 ? hash : hash.substring(0, questionMark)).split('/').map(decodeURIComponent);
        var params = {};
        new URLSearchParams(questionMark < 0 ? '' : hash.substring(questionMark + 1)).forEach(function (v, k) { params[k] = v; });
        var name = path[0] || 'events';
        document.querySelectorAll('#nav a').forEach(function (a) { a.classList.toggle('active', a.id === 'nav-' + name); });
        if (name === 'event' && path[1]) { return showEvent(path[1]); }
        if (name === 'history' && path[1] && path[2]) { return showHistory(path[1], path[2]); }
        if (name === 'summary') { return showSummary(params); }
        if (name === 'logins') { return showEvents(Object.assign({ action: 'authn.login.failure' }, params), 'Failed logins', 'logins'); }
        if (name === 'security') { return showEvents(Object.assign({ category: 'SECURITY' }, params), 'Security events', 'security'); }
        if (name === 'holds') { return showHolds(); }
        return showEvents(params, 'Events', 'events');
    }

    // ---- event list -----------------------------------------------------------------------------------------

    function showEvents(params, title, base) {
        view.appendChild(el('h2', { text: title }));
        view.appendChild(filterForm(params, base));
        view.appendChild(dateNavigation(params, base));
        var table = el('table', { id: 'events', class: 'events' }, [el('thead', {}, [el('tr', {}, ['Time', 'Actor', 'Action', 'Category', 'Outcome', 'Target', 'Client', ''].map(function (h) {
            return el('th', { text: h });
        }))]), el('tbody')]);
        var count = el('p', { id: 'count', class: 'meta' });
        var more = el('button', { id: 'more', class: 'plain', type: 'button', text: 'Older events' });
        more.hidden = true;
        var exportQuery = query(Object.assign({}, filterValues(params), { ownReads: undefined }));
        view.appendChild(el('p', { class: 'toolbar' }, [count,
            el('a', { id: 'export-csv', class: 'button plain', href: 'api/export.csv' + (exportQuery ? '?' + exportQuery : ''), download: 'audit-events.csv', text: 'Export CSV' }),
            el('a', { id: 'export-jsonl', class: 'button plain', href: 'api/export.jsonl' + (exportQuery ? '?' + exportQuery : ''), download: 'audit-events.jsonl', text: 'Export JSON Lines' })]));
        view.appendChild(table);
        view.appendChild(el('p', {}, [more]));
        var shown = 0;
        function load(before) {
            var p = Object.assign({ limit: 50 }, filterValues(params));
            if (p.ownReads !== 'true') { p.ownReads = 'false'; }
            if (before) { p.before = before; }
            api('events', p).then(function (page) {
                page.events.forEach(function (e) { table.tBodies[0].appendChild(eventRow(e)); });
                shown += page.events.length;
                count.textContent = shown + (shown === 1 ? ' event' : ' events') + (page.next ? ' (more available)' : '')
                    + (params.ownReads === 'true' ? '' : ', your own reads of the trail hidden');
                more.hidden = !page.next;
                more.onclick = function () { load(page.next); };
            }).catch(fail);
        }
        load(null);
    }

    function filterValues(params) {
        var result = {};
        FILTERS.forEach(function (f) { if (params[f]) { result[f] = params[f]; } });
        return result;
    }

    function input(name, label, value, type) {
        return el('label', {}, [label, el('input', { id: 'filter-' + name, name: name, type: type || 'text', value: value || '' })]);
    }

    function select(name, label, options, value) {
        var s = el('select', { id: 'filter-' + name, name: name }, [el('option', { value: '', text: 'any' })]
            .concat(options.map(function (o) { var opt = el('option', { value: o, text: o }); if (o === value) { opt.setAttribute('selected', ''); } return opt; })));
        return el('label', {}, [label, s]);
    }

    // several event types at once: one checkbox each, sent as category=A,B
    function typeChoices(value) {
        var chosen = (value || '').split(',');
        var box = el('fieldset', { class: 'types', id: 'filter-category' }, [el('legend', { text: 'Event types (none: all)' })]);
        CATEGORIES.forEach(function (c) {
            var choice = el('input', { type: 'checkbox', id: 'filter-category-' + c, name: 'category', value: c });
            choice.checked = chosen.indexOf(c) >= 0;
            box.appendChild(el('label', { class: 'check' }, [choice, c]));
        });
        return box;
    }

    function filterForm(params, base) {
        var own = el('input', { id: 'filter-ownReads', name: 'ownReads', type: 'checkbox' });
        own.checked = params.ownReads === 'true';
        var form = el('form', { class: 'filters', id: 'filters' }, [
            input('actor', 'Actor', params.actor),
            input('action', 'Action (* matches any)', params.action),
            select('outcome', 'Outcome', OUTCOMES, params.outcome),
            input('targetType', 'Target type', params.targetType),
            input('targetId', 'Target id', params.targetId),
            input('correlationId', 'Correlation id', params.correlationId),
            input('requestId', 'Request id', params.requestId),
            input('clientAddress', 'Client address', params.clientAddress),
            input('from', 'From (UTC day)', dateOnly(params.from), 'date'),
            input('to', 'To, exclusive (UTC day)', dateOnly(params.to), 'date'),
            input('text', 'Text', params.text),
            typeChoices(params.category),
            el('label', { class: 'check' }, [own, 'Show my own reads of the trail']),
            el('span', { class: 'buttons' }, [el('button', { id: 'apply', type: 'submit', text: 'Apply' }),
                el('button', { id: 'reset', type: 'button', class: 'plain', text: 'Reset' })])
        ]);
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            var values = {};
            FILTERS.forEach(function (f) {
                var field = form.elements[f];
                if (f === 'ownReads') { values[f] = field.checked ? 'true' : ''; return; }
                if (f === 'category') {
                    values[f] = Array.prototype.map.call(form.querySelectorAll('input[name=category]:checked'), function (c) { return c.value; }).join(',');
                    return;
                }
                values[f] = field.value.trim();
            });
            location.hash = '#/' + base + '?' + query(values);
        });
        form.querySelector('#reset').addEventListener('click', function () { location.hash = '#/' + base; });
        return form;
    }

    function dateOnly(value) {
        return value ? String(value).substring(0, 10) : '';
    }

    function pad(n) { return n < 10 ? '0' + n : String(n); }

    // the viewer's local time to the second; the stored UTC instant on hover
    function timeNode(iso, id) {
        var node = el('time', { datetime: text(iso), class: 'local-time', title: text(iso).replace('T', ' ').replace('Z', ' UTC') });
        if (id) { node.id = id; }
        var d = new Date(iso);
        node.textContent = isNaN(d) ? text(iso) : d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' '
            + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
        return node;
    }

    // year / month / day (UTC): each level narrows from and to; the years are those the trail holds
    function dateNavigation(params, base) {
        var nav = el('div', { class: 'dates', id: 'dates' });
        var from = params.from ? new Date(dateOnly(params.from) + 'T00:00:00Z') : null;
        var to = params.to ? new Date(dateOnly(params.to) + 'T00:00:00Z') : null;
        var span = from && to ? (to - from) / 86400000 : null;
        var level = span === null ? 'all' : span <= 1 ? 'day' : span <= 31 ? 'month' : 'year';
        function link(label, f, t, id, current) {
            var p = Object.assign({}, filterValues(params), { from: f, to: t });
            if (current) { return el('span', { class: 'current', id: id, text: label }); }
            return el('a', { href: '#/' + base + '?' + query(p), id: id, text: label });
        }
        function iso(y, m, d) { return y + '-' + pad(m) + '-' + pad(d); }
        nav.appendChild(link('All dates', '', '', 'date-all', level === 'all'));
        if (level === 'all') {
            meta.years.forEach(function (y) {
                nav.appendChild(link(String(y), iso(y, 1, 1), iso(y + 1, 1, 1), 'year-' + y));
            });
            return nav;
        }
        var year = from.getUTCFullYear();
        nav.appendChild(link(String(year), iso(year, 1, 1), iso(year + 1, 1, 1), 'year-' + year, level === 'year'));
        if (level === 'year') {
            for (var m = 1; m <= 12; m++) {
                nav.appendChild(link(iso(year, m, 1).substring(0, 7), iso(year, m, 1), m === 12 ? iso(year + 1, 1, 1) : iso(year, m + 1, 1), 'month-' + m));
            }
            return nav;
        }
        var month = from.getUTCMonth() + 1;
        var nextMonth = month === 12 ? iso(year + 1, 1, 1) : iso(year, month + 1, 1);
        nav.appendChild(link(iso(year, month, 1).substring(0, 7), iso(year, month, 1), nextMonth, 'month-' + month, level === 'month'));
        var days = new Date(Date.UTC(year, month, 0)).getUTCDate();
        var day = level === 'day' ? from.getUTCDate() : 0;
        for (var d = 1; d <= days; d++) {
            var next = new Date(Date.UTC(year, month - 1, d + 1));
            nav.appendChild(link(String(d), iso(year, month, d), iso(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()), 'day-' + d, d === day));
        }
        return nav;
    }

    function filtered(params, label, cls) {
        return el('a', { href: '#/events?' + query(params), class: cls, text: label });
    }

    function actorNode(e) {
        var span = el('span', { class: 'actor' }, [filtered({ actor: e.actorId }, text(e.actorId), 'actor-link')]);
        if (e.actorType && e.actorType !== 'USER') { span.appendChild(document.createTextNode(' (' + e.actorType + ')')); }
        if (e.onBehalfOfId) {
            span.appendChild(document.createTextNode(' for '));
            span.appendChild(filtered({ actor: e.onBehalfOfId }, text(e.onBehalfOfId), 'actor-link'));
        }
        return span;
    }

    function actorText(e) {
        return e.actorId + (e.actorType && e.actorType !== 'USER' ? ' (' + e.actorType + ')' : '') + (e.onBehalfOfId ? ' for ' + e.onBehalfOfId : '');
    }

    function isEntity(type) {
        return meta.entities.indexOf(type) >= 0;
    }

    // an entity's target opens its history; any other target the events about it
    function targetNode(e) {
        var label = text(e.targetType) + (e.targetId ? ' ' + e.targetId : '');
        if (e.targetType && e.targetId && isEntity(e.targetType)) {
            return el('a', { href: '#/history/' + encodeURIComponent(e.targetType) + '/' + encodeURIComponent(e.targetId), class: 'history-link', text: label });
        }
        return filtered({ targetType: e.targetType, targetId: e.targetId }, label, 'target-link');
    }

    function eventRow(e) {
        return el('tr', { 'data-id': String(e.id) }, [
            el('td', { class: 'time' }, [timeNode(e.occurredAt)]),
            el('td', { class: 'actor-cell' }, [actorNode(e)]),
            el('td', { class: 'action', text: text(e.action) }),
            el('td', { class: 'category', text: text(e.category) }),
            el('td', { class: 'outcome outcome-' + text(e.outcome), text: text(e.outcome) }),
            el('td', { class: 'target' }, e.targetType || e.targetId ? [targetNode(e)] : []),
            el('td', { class: 'client' }, e.clientAddress ? [filtered({ clientAddress: e.clientAddress }, text(e.clientAddress), 'client-link')] : []),
            el('td', {}, [el('a', { href: '#/event/' + e.id, class: 'detail-link', text: 'Details' })])
        ]);
    }

    // ---- one event --------------------------------------------------------------------------------------------

    // rows of [label, value]; a value may be a DOM node (a link), else it is shown as text
    function kv(rows, id) {
        return el('table', { class: 'kv', id: id }, [el('tbody', {}, rows.filter(function (r) { return r[1] !== null && r[1] !== undefined && r[1] !== ''; })
            .map(function (r) {
                var cell = r[1] instanceof Node ? el('td', {}, [r[1]]) : el('td', { text: text(r[1]) });
                return el('tr', {}, [el('th', { text: r[0] }), cell]);
            }))]);
    }

    /** The event's seal state and the last signed checkpoint (filled in when the API answers). */
    function sealInfo(id) {
        var box = el('p', { id: 'seal', class: 'seal' });
        Promise.all([api('events/' + encodeURIComponent(id) + '/seal'), api('seal')]).then(function (r) {
            var state = r[0], last = r[1], parts = [];
            if (!last.enabled && state.state === 'unsealed') {
                parts.push('Seal: sealing is off');
            } else {
                parts.push('Seal: ' + state.state + (state.leafIndex !== undefined ? ' (leaf ' + state.leafIndex + ', ' + state.sealedAt + ')' : ''));
            }
            if (last.lastCheckpoint) {
                parts.push('last checkpoint: ' + last.lastCheckpoint.size + ' leaves at ' + last.lastCheckpoint.time
                    + ', root ' + last.lastCheckpoint.root.substring(0, 16) + '…');
            }
            box.appendChild(document.createTextNode(parts.join(' · ')));
        }).catch(function () { box.appendChild(document.createTextNode('Seal: unknown')); });
        return box;
    }

    function showEvent(id) {
        api('events/' + encodeURIComponent(id)).then(function (e) {
            view.appendChild(el('h2', { text: 'Event ' + e.id + ': ' + e.action }));
            view.appendChild(kv([['Time', timeNode(e.occurredAt, 'event-time')], ['Category', e.category], ['Action', e.action], ['Outcome', e.outcome],
                ['Actor', actorNode(e)], ['Target', e.targetType || e.targetId ? targetNode(e) : null], ['Reason', e.reason],
                ['Duration (ms)', e.durationMillis], ['Error type', e.errorType], ['Error message', e.errorMessage],
                ['Correlation id', e.correlationId ? filtered({ correlationId: e.correlationId }, e.correlationId, 'correlation-link') : null]], 'event'));
            view.appendChild(sealInfo(e.id));
            var request = [['Client address', e.clientAddress ? filtered({ clientAddress: e.clientAddress }, e.clientAddress, 'client-link') : null],
                ['User agent', e.userAgent], ['Method', e.httpMethod], ['Path', e.httpPath],
                ['Request id', e.requestId ? filtered({ requestId: e.requestId }, e.requestId, 'request-link') : null]];
            if (request.some(function (r) { return r[1]; })) {
                view.appendChild(el('h3', { id: 'request-heading', text: 'Request' }));
                view.appendChild(kv(request, 'request'));
            }
            view.appendChild(el('h3', { text: 'Arguments and details' }));
            var details = [];
            if (e.details && typeof e.details === 'object' && !Array.isArray(e.details)) {
                Object.keys(e.details).forEach(function (k) {
                    var v = e.details[k];
                    if (v && typeof v === 'object' && !Array.isArray(v)) {
                        Object.keys(v).forEach(function (sub) { details.push([k + ' › ' + sub, v[sub]]); });
                    } else {
                        details.push([k, v]);
                    }
                });
            } else {
                details.push(['details', e.details]);
            }
            view.appendChild(kv(details, 'details'));
            if (e.targetType && e.targetId && isEntity(e.targetType)) {
                view.appendChild(el('p', {}, [el('a', { href: '#/history/' + encodeURIComponent(e.targetType) + '/' + encodeURIComponent(e.targetId), class: 'history-link', text: 'History of ' + e.targetType + ' ' + e.targetId })]));
            }
            var changes = null;
            if (e.correlationId) {
                changes = el('div', { id: 'changes' }, [el('h3', { text: 'Changes made by this action' })]);
                view.appendChild(changes);
            }
            view.appendChild(el('details', { id: 'raw' }, [el('summary', { text: 'Raw JSON' }), el('pre', { id: 'raw-json', text: JSON.stringify(e, null, 2) })]));
            if (changes) {
                api('actions/' + encodeURIComponent(e.correlationId)).then(function (action) {
                    if (!action.revisions.length) { changes.appendChild(el('p', { class: 'meta', text: 'No entity changes recorded.' })); }
                    action.revisions.forEach(function (r) {
                        changes.appendChild(el('p', {}, [el('a', { href: '#/history/' + encodeURIComponent(r.entity) + '/' + encodeURIComponent(text(r.entityId)), class: 'history-link', text: r.entity + ' ' + text(r.entityId) }),
                            ' ' + r.change + ' (revision ' + r.revision + ')']));
                        changes.appendChild(diffTable(r.changes));
                    });
                }).catch(fail);
            }
        }).catch(fail);
    }

    function diffTable(changes) {
        return el('table', { class: 'diff' }, [el('thead', {}, [el('tr', {}, [el('th', { text: 'Field' }), el('th', { text: 'Before' }), el('th', { text: 'After' })])]),
            el('tbody', {}, changes.map(function (c) {
                return el('tr', {}, [el('td', { text: c.field }), el('td', { class: 'before', text: text(c.before) }), el('td', { class: 'after', text: text(c.after) })]);
            }))]);
    }

    // ---- entity history ---------------------------------------------------------------------------------------

    // revisions and the entity's ACCESS events (who viewed it) in one timeline, newest first
    function showHistory(entity, id) {
        var title = el('h2', { text: 'History of ' + entity + ' ' + id });
        var list = el('ol', { class: 'timeline', id: 'timeline' });
        var more = el('button', { id: 'more', class: 'plain', type: 'button', text: 'Older entries' });
        more.hidden = true;
        view.appendChild(title);
        view.appendChild(el('p', { class: 'meta' }, ['Changes and views; ', filtered({ targetType: entity, targetId: id }, 'every event about ' + entity + ' ' + id, 'target-link')]));
        view.appendChild(list);
        view.appendChild(el('p', {}, [more]));
        var revisionsBefore = null, eventsBefore = null, revisionsDone = false, eventsDone = false;
        function load() {
            var revisions = revisionsDone ? Promise.resolve({ revisions: [], next: null })
                : api('history/' + encodeURIComponent(entity) + '/' + encodeURIComponent(id), { limit: 20, before: revisionsBefore });
            var views = eventsDone ? Promise.resolve({ events: [], next: null })
                : api('events', { targetType: entity, targetId: id, category: 'ACCESS', limit: 20, before: eventsBefore });
            Promise.all([revisions, views]).then(function (pages) {
                var h = pages[0], v = pages[1];
                if (h.entity) { title.textContent = 'History of ' + h.entity + ' ' + text(h.id); }
                revisionsBefore = h.next; revisionsDone = !h.next;
                eventsBefore = v.next; eventsDone = !v.next;
                var entries = h.revisions.map(function (r) { return { time: r.time, node: revisionItem(r) }; })
                    .concat(v.events.map(function (e) { return { time: e.occurredAt, node: accessItem(e) }; }));
                entries.sort(function (a, b) { return a.time < b.time ? 1 : a.time > b.time ? -1 : 0; });
                entries.forEach(function (entry) { list.appendChild(entry.node); });
                if (!list.children.length) { list.appendChild(el('li', { class: 'meta', text: 'No revisions and no views recorded.' })); }
                more.hidden = revisionsDone && eventsDone;
            }).catch(fail);
        }
        more.onclick = load;
        list.addEventListener('click', function (event) {
            var a = event.target.closest('a.action-link');
            if (!a) { return; }
            event.preventDefault();
            api('events', { correlationId: a.getAttribute('data-correlation'), limit: 1 }).then(function (page) {
                if (page.events.length) { location.hash = '#/event/' + page.events[0].id; } else { status.textContent = 'No event for this change.'; }
            }).catch(fail);
        });
        load();
    }

    function revisionItem(r) {
        var who = el('p', { class: 'meta' }, [timeNode(r.time), ' by ', filtered({ actor: r.actorId }, text(r.actorId), 'actor-link')]);
        who.appendChild(document.createTextNode((r.onBehalfOfId ? ' for ' + r.onBehalfOfId : '') + (r.clientAddress ? ' from ' + r.clientAddress : '')
            + (r.reason ? ', reason: ' + r.reason : '')));
        if (r.correlationId) {
            who.appendChild(document.createTextNode(' '));
            who.appendChild(el('a', { href: '#/events?' + query({ correlationId: r.correlationId }), 'data-correlation': r.correlationId, class: 'action-link', text: 'action' }));
        }
        return el('li', { class: 'revision', 'data-revision': String(r.revision) }, [
            el('strong', { text: r.change + ' (revision ' + r.revision + ')' }), who, diffTable(r.changes)]);
    }

    function accessItem(e) {
        return el('li', { class: 'access', 'data-id': String(e.id) }, [
            el('strong', { text: 'VIEWED' + (e.outcome !== 'SUCCESS' ? ' (' + e.outcome + ')' : '') }),
            el('p', { class: 'meta' }, [timeNode(e.occurredAt), ' by ', actorNode(e), ': ' + text(e.action) + ' ',
                el('a', { href: '#/event/' + e.id, class: 'detail-link', text: 'details' })])]);
    }

    // ---- summary ----------------------------------------------------------------------------------------------

    function showSummary(params) {
        view.appendChild(el('h2', { text: 'Summary' }));
        var form = el('form', { class: 'filters', id: 'summary-filters' }, [input('actor', 'Actor', params.actor), input('from', 'From', dateOnly(params.from), 'date'),
            input('to', 'To (exclusive)', dateOnly(params.to), 'date'), el('button', { id: 'apply', type: 'submit', text: 'Apply' })]);
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            location.hash = '#/summary?' + query({ actor: form.elements.actor.value.trim(), from: form.elements.from.value, to: form.elements.to.value });
        });
        view.appendChild(form);
        api('summary', { actor: params.actor, from: params.from, to: params.to }).then(function (s) {
            view.appendChild(el('p', { class: 'meta', text: s.from + ' to ' + s.to + (s.actor ? ', actor ' + s.actor : '') }));
            view.appendChild(el('div', { class: 'cards' }, [card('Events', s.total, 'total'), card('Failures', s.byOutcome.FAILURE || 0, 'failures'),
                card('Denied', s.byOutcome.DENIED || 0, 'denied'), card('Failed logins', s.failedLogins, 'failed-logins'), card('Exports', s.exports, 'exports')]));
            view.appendChild(el('h3', { text: 'Events per day by category' }));
            view.appendChild(chart(s.perDay));
            view.appendChild(el('h3', { text: 'Top actors' }));
            view.appendChild(kv(s.topActors.map(function (a) { return [a.actorId + (a.actorType !== 'USER' ? ' (' + a.actorType + ')' : ''), a.events]; }), 'top-actors'));
            view.appendChild(el('h3', { text: 'Actions' }));
            view.appendChild(kv(Object.keys(s.byAction).slice(0, 20).map(function (k) { return [k, s.byAction[k]]; }), 'actions'));
        }).catch(fail);
    }

    // ---- legal holds ------------------------------------------------------------------------------------------

    function showHolds() {
        view.appendChild(el('h2', { text: 'Legal holds' }));
        view.appendChild(el('p', { class: 'meta', text: 'The events a hold covers survive the retention purge and refuse erasure until it is released.' }));
        api('holds').then(function (body) {
            if (!body.holds.length) {
                view.appendChild(el('p', { id: 'no-holds', class: 'meta', text: 'No legal hold is in force.' }));
                return;
            }
            view.appendChild(el('table', { id: 'holds', class: 'events' }, [
                el('thead', {}, [el('tr', {}, ['Hold', 'Case', 'Covers', 'Placed by', 'Placed'].map(function (h) { return el('th', { text: h }); }))]),
                el('tbody', {}, body.holds.map(function (h) {
                    var covers = [];
                    if (h.actor) { covers.push('actor ' + h.actor); }
                    if (h.targetType) { covers.push('target ' + h.targetType + (h.targetId ? ' ' + h.targetId : '')); }
                    if (h.correlationId) { covers.push('correlation ' + h.correlationId); }
                    if (h.ids && h.ids.length) { covers.push('events ' + h.ids.join(', ')); }
                    if (h.from || h.to) { covers.push('from ' + (h.from || '…') + ' to ' + (h.to || '…')); }
                    return el('tr', { class: 'hold' }, [el('td', { text: text(h.id) }), el('td', { text: text(h.case) }),
                        el('td', { text: covers.join('; ') }), el('td', { text: text(h.placedBy) }), el('td', {}, [timeNode(h.placedAt)])]);
                }))]));
        }).catch(fail);
    }

    function card(label, value, id) {
        return el('div', { class: 'card', id: 'card-' + id }, [el('b', { text: text(value) }), label]);
    }

    function chart(days) {
        var width = 900, height = 260, left = 40, bottom = 30, top = 10;
        var max = Math.max(1, Math.max.apply(null, days.map(function (d) { return d.total; })));
        var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'aria-label': 'events per day by category' });
        var band = (width - left) / Math.max(1, days.length);
        var scale = (height - top - bottom) / max;
        root.appendChild(svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#999' }));
        root.appendChild(svg('text', { x: 2, y: top + 10, 'font-size': 11, fill: '#555', text: String(max) }));
        root.appendChild(svg('text', { x: 2, y: height - bottom, 'font-size': 11, fill: '#555', text: '0' }));
        days.forEach(function (d, i) {
            var x = left + i * band + band * 0.15;
            var y = height - bottom;
            CATEGORIES.forEach(function (c) {
                var n = d.byCategory[c] || 0;
                if (!n) { return; }
                var h = n * scale;
                y -= h;
                var rect = svg('rect', { x: x.toFixed(1), y: y.toFixed(1), width: (band * 0.7).toFixed(1), height: h.toFixed(1), fill: COLOURS[c], class: 'bar', 'data-day': d.day, 'data-category': c, 'data-count': String(n) });
                rect.appendChild(svg('title', { text: d.day + ' ' + c + ': ' + n }));
                root.appendChild(rect);
            });
            if (days.length <= 12 || i % Math.ceil(days.length / 10) === 0 || i === days.length - 1) {
                root.appendChild(svg('text', { x: (x + band * 0.35).toFixed(1), y: height - 10, 'font-size': 10, 'text-anchor': 'middle', fill: '#555', text: d.day.substring(5) }));
            }
        });
        var legend = el('p', { class: 'legend' }, CATEGORIES.map(function (c) { return el('span', {}, [el('i', { class: 'c-' + c }), c]); }));
        return el('div', { id: 'chart' }, [root, legend]);
    }

    window.addEventListener('hashchange', route);
    route();
}());
