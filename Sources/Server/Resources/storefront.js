(function () {
  'use strict';
  var w = window;
  if (w.clerkbridge && w.clerkbridge.loaded) return;

  var config = /*CLERKBRIDGE_CONFIG*/{};

  var VISITOR_COOKIE = 'clerkbridge_vid';
  var lastCurrency; // the currency of the latest BODL event: picks the storefront of placements without one
  var VISITOR_KEY = 'clerkbridge.vid';
  var QUEUE_KEY = 'clerkbridge.queue';
  var ANALYTICS_CATEGORY = 3;
  var FLUSH_DELAY_MS = 1000;
  var FLUSH_AT = 20;
  var MAX_BATCH_EVENTS = 500;
  var MAX_BODY_BYTES = 60000;
  var MAX_QUEUE = 1000;
  var TYPES = ['product_viewed', 'category_viewed', 'search_performed', 'product_clicked', 'cart_item_added',
    'cart_item_removed', 'cart_updated', 'checkout_started', 'order_purchased', 'email_identified'];
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  var VISITOR_PATTERN = /^[A-Za-z0-9]{1,32}$/;

  // Silent unless a developer turns on the window property `clerkbridge_debug` (true) in the console.
  function report(error) {
    try {
      if (w.clerkbridge_debug === true && w.console) w.console.warn('clerkbridge:', error);
    } catch (ignored) { /* never throw */ }
  }

  function guarded(fn) {
    return function () {
      try { return fn.apply(this, arguments); } catch (error) { report(error); return undefined; }
    };
  }

  // --- storage ---------------------------------------------------------------------------------------------

  function sessionGet(key) {
    try { return w.sessionStorage.getItem(key); } catch (error) { return null; }
  }
  function sessionSet(key, value) {
    try { w.sessionStorage.setItem(key, value); } catch (error) { report(error); }
  }
  function sessionRemove(key) {
    try { w.sessionStorage.removeItem(key); } catch (error) { report(error); }
  }
  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split(';') : [];
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].replace(/^\s+/, '');
      var at = part.indexOf('=');
      if (at > 0 && part.slice(0, at) === name) {
        try { return decodeURIComponent(part.slice(at + 1)); } catch (error) { return null; }
      }
    }
    return null;
  }
  function writeCookie(name, value, maxAgeSeconds) {
    var cookie = name + '=' + encodeURIComponent(value) + '; Path=/; Max-Age=' + maxAgeSeconds + '; SameSite=Lax';
    if (w.location.protocol === 'https:') cookie += '; Secure';
    document.cookie = cookie;
  }

  function randomText(length) {
    var out = '';
    var bytes = new Uint8Array(length * 2);
    while (out.length < length) {
      w.crypto.getRandomValues(bytes);
      for (var i = 0; i < bytes.length && out.length < length; i++) {
        if (bytes[i] < 248) out += ALPHABET.charAt(bytes[i] % 62); // 248 = 4 × 62: no modulo bias
      }
    }
    return out;
  }

  // --- consent and visitor id ------------------------------------------------------------------------------

  // true granted, false denied, null unknown.
  var analyticsConsent = null;

  function hasCategory(list, category) {
    if (!Array.isArray(list)) return false;
    for (var i = 0; i < list.length; i++) if (Number(list[i]) === category) return true;
    return false;
  }

  // `{"allow":[2,3],"deny":[4]}`-like objects: category 3 is analytics.
  function consentFromCategories(value) {
    if (!value || typeof value !== 'object') return null;
    if (hasCategory(value.deny, ANALYTICS_CATEGORY)) return false;
    if (hasCategory(value.allow, ANALYTICS_CATEGORY)) return true;
    return null;
  }

  // UNCONFIRMED: the shape of BigCommerce's `bc_consent` cookie (URL-encoded JSON with `allow` and `deny`
  // category numbers, 2 functional, 3 analytics, 4 targeting) is taken from the storefront consent API's
  // preferences body; no published source documents the cookie itself.
  function consentFromCookie() {
    var raw = readCookie('bc_consent');
    if (!raw) return null;
    try { return consentFromCategories(JSON.parse(raw)); } catch (error) { return null; }
  }

  // UNCONFIRMED: the payload of BODL `consent.loaded` / `consent.updated`; read leniently.
  function consentFromBodl(event) {
    if (!event || typeof event !== 'object') return null;
    var candidates = [event, event.consent, event.data];
    for (var i = 0; i < candidates.length; i++) {
      var value = candidates[i];
      if (!value || typeof value !== 'object') continue;
      if (typeof value.analytics === 'boolean') return value.analytics;
      if (typeof value.consent_analytics === 'boolean') return value.consent_analytics;
      var fromLists = consentFromCategories(value);
      if (fromLists !== null) return fromLists;
    }
    return null;
  }

  // With consent the long-lived cookie wins (tabs agree on one id); without a decision this session's id comes
  // first, then a cookie left from an earlier grant; once consent is denied the cookie is never read.
  function storedVisitor() {
    var fromCookie = analyticsConsent === false ? null : readCookie(VISITOR_COOKIE);
    if (fromCookie && !VISITOR_PATTERN.test(fromCookie)) fromCookie = null;
    if (analyticsConsent === true && fromCookie) return fromCookie;
    var fromSession = sessionGet(VISITOR_KEY);
    if (fromSession && VISITOR_PATTERN.test(fromSession)) return fromSession;
    return fromCookie;
  }

  function visitorID() {
    var id = storedVisitor();
    if (!id) id = randomText(16);
    sessionSet(VISITOR_KEY, id);
    if (analyticsConsent === true && readCookie(VISITOR_COOKIE) !== id) writeCookie(VISITOR_COOKIE, id, 31536000);
    return id;
  }

  function applyConsent(granted) {
    if (granted !== true && granted !== false) return;
    analyticsConsent = granted;
    if (granted) {
      visitorID(); // keeps this session's id and stores it in the first-party cookie
    } else if (readCookie(VISITOR_COOKIE) !== null) {
      var id = storedVisitor();
      writeCookie(VISITOR_COOKIE, '', 0);
      if (id) sessionSet(VISITOR_KEY, id); // the rest of this session keeps one id, without a cookie
    }
  }

  // --- current customer ------------------------------------------------------------------------------------

  var tokenRequest = null;

  function base64URLJSON(part) {
    var text = part.replace(/-/g, '+').replace(/_/g, '/');
    while (text.length % 4) text += '=';
    return JSON.parse(decodeURIComponent(Array.prototype.map.call(w.atob(text), function (c) {
      return '%' + ('00' + c.charCodeAt(0).toString(16)).slice(-2);
    }).join('')));
  }

  // The token is kept for this page only: a shopper who logs out (or another person on a shared device) gets a
  // fresh answer on the next page instead of the previous customer's token.
  var memoryToken = null;

  // The cached token: a string, '' for a guest, or undefined when nothing usable is cached.
  function cachedToken() {
    if (memoryToken && memoryToken.until > Date.now()) return memoryToken.token;
    memoryToken = null;
    return undefined;
  }

  function cacheToken(token, until) {
    memoryToken = { token: token, until: until };
  }

  function loadToken() {
    if (!config.app_client_id || typeof w.fetch !== 'function') return Promise.resolve('');
    var cached = cachedToken();
    if (cached !== undefined) return Promise.resolve(cached);
    if (tokenRequest) return tokenRequest;
    var url = '/customer/current.jwt?app_client_id=' + encodeURIComponent(config.app_client_id);
    tokenRequest = w.fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (response.status === 404) { cacheToken('', Date.now() + 60000); return ''; } // a guest
      if (!response.ok) return '';
      return response.text().then(function (text) {
        var token = String(text || '').trim();
        // UNCONFIRMED whether the body is the bare JWT (as BigCommerce's example reads it) or JSON; accept both.
        if (token.charAt(0) === '{') token = String(JSON.parse(token).token || '');
        var parts = token.split('.');
        if (parts.length !== 3 || token.length > 4096) return '';
        var exp = Number(base64URLJSON(parts[1]).exp);
        var until = isFinite(exp) ? exp * 1000 - 60000 : Date.now() + 5 * 60000; // refresh a minute early
        if (until <= Date.now()) return '';
        cacheToken(token, until);
        return token;
      });
    }).catch(function (error) { report(error); return ''; }).then(function (token) {
      tokenRequest = null;
      return token;
    });
    return tokenRequest;
  }

  // --- events ----------------------------------------------------------------------------------------------

  var sequence = 0;

  function eventID() {
    sequence += 1;
    return Date.now().toString(36) + '-' + randomText(12) + '-' + sequence.toString(36);
  }

  function storefrontFor(currency) {
    var list = Array.isArray(config.storefronts) ? config.storefronts : [];
    if (currency) {
      lastCurrency = String(currency);
      var wanted = String(currency).toUpperCase();
      for (var i = 0; i < list.length; i++) {
        if (list[i].currency && String(list[i].currency).toUpperCase() === wanted) return list[i].name;
      }
    }
    return list.length ? list[0].name : undefined;
  }

  function positiveID(value) {
    var text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return /^[0-9]{1,18}$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
  }

  function quantity(value) {
    var number = Number(value);
    return isFinite(number) && number >= 1 && number <= 1000000 ? Math.floor(number) : 1;
  }

  function price(value) {
    if (value && typeof value === 'object') value = value.value;
    var number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !isFinite(number) || number < 0) return undefined;
    return number.toFixed(4).replace(/\.?0+$/, '');
  }

  function lines(lineItems, withPrice) {
    var out = [];
    var list = Array.isArray(lineItems) ? lineItems : [];
    for (var i = 0; i < list.length && out.length < 250; i++) {
      var item = list[i] || {};
      var productID = positiveID(item.product_id);
      if (!productID) continue;
      var line = { product_id: productID, quantity: quantity(item.quantity) };
      var variantID = positiveID(item.variant_id);
      if (variantID) line.variant_id = variantID;
      if (withPrice) {
        var amount = price(item.purchase_price !== undefined && item.purchase_price !== null ? item.purchase_price
          : item.sale_price !== undefined && item.sale_price !== null ? item.sale_price : item.base_price);
        if (amount === undefined) continue;
        line.price = amount;
      }
      out.push(line);
    }
    return out;
  }

  function record(type, fields, storefront) {
    var event = { id: eventID(), type: type, visitor_id: visitorID(), occurred_at: new Date().toISOString() };
    if (storefront) event.storefront = storefront;
    for (var key in fields) {
      if (Object.prototype.hasOwnProperty.call(fields, key) && fields[key] !== undefined && fields[key] !== null) {
        event[key] = fields[key];
      }
    }
    enqueue(event);
    return event.id;
  }

  // --- queue and sending -----------------------------------------------------------------------------------

  var queue = [];
  var sending = null; // the promise of the sends in progress
  var inFlight = {};
  var failures = 0;
  var timer = null;
  var retryAt = 0;

  function loadQueue() {
    try {
      var stored = JSON.parse(sessionGet(QUEUE_KEY) || '[]');
      if (Array.isArray(stored)) {
        queue = stored.filter(function (event) { return event && typeof event.id === 'string'; });
      }
    } catch (error) { queue = []; }
  }

  function saveQueue() {
    if (queue.length) sessionSet(QUEUE_KEY, JSON.stringify(queue)); else sessionRemove(QUEUE_KEY);
  }

  function enqueue(event) {
    queue.push(event);
    if (queue.length > MAX_QUEUE) queue.splice(0, queue.length - MAX_QUEUE);
    saveQueue();
    if (queue.length >= FLUSH_AT) send(); else schedule(FLUSH_DELAY_MS);
  }

  function schedule(delay) {
    if (timer !== null) return;
    var wait = Math.max(delay, retryAt - Date.now());
    timer = w.setTimeout(guarded(function () { timer = null; send(); }), wait);
  }

  function withToken(events, token) {
    return events.map(function (event) {
      if (!token) return event;
      var copy = {};
      for (var key in event) if (Object.prototype.hasOwnProperty.call(event, key)) copy[key] = event[key];
      copy.customer_token = token;
      return copy;
    });
  }

  function byteLength(text) {
    if (typeof w.TextEncoder === 'function') return new w.TextEncoder().encode(text).length;
    return unescape(encodeURIComponent(text)).length;
  }

  // The longest prefix of `events` (at most 500) whose body stays under the keepalive limit, and that body;
  // null when even the first event alone is too large.
  function batch(events, token) {
    var count = Math.min(events.length, MAX_BATCH_EVENTS);
    while (count > 0) {
      var body = JSON.stringify({ events: withToken(events.slice(0, count), token) });
      if (byteLength(body) <= MAX_BODY_BYTES) return { count: count, body: body };
      count = count === 1 ? 0 : Math.ceil(count / 2);
    }
    return null;
  }

  function forget(ids) {
    queue = queue.filter(function (event) { return !ids[event.id]; });
    saveQueue();
  }

  function idsOf(events) {
    var ids = {};
    for (var i = 0; i < events.length; i++) ids[events[i].id] = true;
    return ids;
  }

  // text/plain keeps the request CORS-simple (no preflight); keepalive lets it outlive the page.
  function post(body) {
    return w.fetch(config.events_url, {
      method: 'POST', keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' }, body: body,
    });
  }

  // Sends the queue, batch after batch; the promise resolves when the queue is empty or a send failed (a retry
  // is then scheduled). A call while sends are in progress gets their promise.
  function send() {
    if (timer !== null) { w.clearTimeout(timer); timer = null; }
    if (sending) return sending;
    if (!queue.length || !config.events_url || typeof w.fetch !== 'function') return Promise.resolve();
    if (retryAt > Date.now()) { schedule(0); return Promise.resolve(); }
    sending = loadToken().then(function (token) {
      var next = batch(queue, token);
      if (!next) { forget(idsOf(queue.slice(0, 1))); return; } // one event over 60 KB can never be sent
      var sent = queue.slice(0, next.count);
      inFlight = idsOf(sent);
      return post(next.body).then(function (response) {
        // Read the answer to the end before the next batch: with an unread answer, Chromium 156 failed the next
        // keepalive request ("Failed to fetch"; seen in the burst browser test, presumably its 64 KB budget).
        return response.text().catch(function () { return ''; }).then(function () {
          if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 408 &&
            response.status !== 429)) {
            // Accepted (rejections inside a 200 are final too), or a request the server will never take.
            if (!response.ok) report('events refused with HTTP ' + response.status);
            forget(idsOf(sent));
            return;
          }
          throw new Error('HTTP ' + response.status);
        });
      });
    }).then(function () {
      sending = null;
      inFlight = {};
      failures = 0;
      retryAt = 0;
      return queue.length ? send() : undefined;
    }, function (error) {
      sending = null;
      inFlight = {};
      failures += 1;
      var backoff = Math.min(60000, 1000 * Math.pow(2, failures - 1));
      retryAt = Date.now() + backoff / 2 + Math.random() * backoff / 2;
      if (error instanceof TypeError) diagnose(); // no answer the page may read: a refused origin or no server
      report(error);
      schedule(0);
    });
    return sending;
  }

  // Page hidden or going away: hand everything not already in flight to the browser. sendBeacon sends
  // text/plain without a preflight. Events of a request in flight stay queued until its answer: if the page
  // dies first, the next page sends them again, and the server keeps each event id once. Anything the browser
  // would not take stays in sessionStorage for the next page of this session.
  function sendOnExit() {
    if (!config.events_url) return;
    var token = cachedToken() || '';
    var pending = queue.filter(function (event) { return !inFlight[event.id]; });
    while (pending.length) {
      var next = batch(pending, token);
      if (!next) { forget(idsOf(pending.slice(0, 1))); pending = pending.slice(1); continue; }
      var events = pending.slice(0, next.count);
      pending = pending.slice(next.count);
      var queued = false;
      if (w.navigator && typeof w.navigator.sendBeacon === 'function') {
        queued = w.navigator.sendBeacon(config.events_url, new Blob([next.body], { type: 'text/plain' }));
      } else if (typeof w.fetch === 'function') {
        post(next.body).catch(report);
        queued = true;
      }
      if (!queued) return;
      forget(idsOf(events));
    }
  }

  // --- BigCommerce Open Data Layer ---------------------------------------------------------------------------

  var bodlAttached = false;

  function subscribe(bodl, group, name, handler) {
    var target = bodl[group];
    if (target && typeof target[name] === 'function') target[name](guarded(handler));
  }

  function firstLine(event) {
    return event && Array.isArray(event.line_items) && event.line_items.length ? event.line_items[0] : {};
  }

  function attachBodl() {
    var bodl = w.bodlEvents;
    if (bodlAttached || !bodl || typeof bodl !== 'object') return bodlAttached;
    bodlAttached = true;
    subscribe(bodl, 'consent', 'loaded', function (event) { applyConsent(consentFromBodl(event)); });
    subscribe(bodl, 'consent', 'updated', function (event) { applyConsent(consentFromBodl(event)); });
    subscribe(bodl, 'product', 'pageViewed', function (event) {
      var line = firstLine(event);
      var productID = positiveID(line.product_id !== undefined ? line.product_id : event.product_id);
      if (!productID) return;
      record('product_viewed', { product_id: productID, variant_id: positiveID(line.variant_id) },
        storefrontFor(event.currency));
    });
    subscribe(bodl, 'product', 'categoryViewed', function (event) {
      // UNCONFIRMED: that the category page event carries `category_id` (the notes list only the common fields).
      var categoryID = positiveID(event.category_id);
      if (categoryID) record('category_viewed', { category_id: categoryID }, storefrontFor(event.currency));
    });
    subscribe(bodl, 'product', 'searchPerformed', function (event) {
      // UNCONFIRMED: the name of the search term field; the documented candidates are tried in turn.
      var query = String(event.search_keyword || event.search_term || event.keyword || event.query || '').slice(0, 256);
      if (query.trim()) record('search_performed', { query: query }, storefrontFor(event.currency));
    });
    function cartLines(type) {
      return function (event) {
        var items = lines(event.line_items, false);
        for (var i = 0; i < items.length; i++) {
          record(type, {
            product_id: items[i].product_id, variant_id: items[i].variant_id, quantity: items[i].quantity,
            cart_id: cartID(event),
          }, storefrontFor(event.currency));
        }
      };
    }
    subscribe(bodl, 'cart', 'addItem', cartLines('cart_item_added'));
    subscribe(bodl, 'cart', 'removeItem', cartLines('cart_item_removed'));
    subscribe(bodl, 'cart', 'viewed', function (event) {
      record('cart_updated', { items: lines(event.line_items, false), cart_id: cartID(event) },
        storefrontFor(event.currency));
    });
    subscribe(bodl, 'checkout', 'checkoutBegin', function (event) {
      record('checkout_started', { items: lines(event.line_items, false), cart_id: cartID(event) },
        storefrontFor(event.currency));
    });
    subscribe(bodl, 'checkout', 'orderPurchased', function (event) {
      var orderID = positiveID(event.order_id);
      var items = lines(event.line_items, true);
      if (!orderID || !items.length) return;
      record('order_purchased', { order_id: orderID, items: items }, storefrontFor(event.currency));
      send();
    });
    return true;
  }

  function cartID(event) {
    var id = event && event.cart_id;
    return typeof id === 'string' && id.length >= 1 && id.length <= 64 ? id : undefined;
  }

  // --- placement context -----------------------------------------------------------------------------------

  function slotStorefront(slot) {
    return (slot && slot.getAttribute('data-storefront')) ||
      storefrontFor((slot && slot.getAttribute('data-currency')) || lastCurrency);
  }

  function needsCustomer(name) {
    return Array.isArray(config.customer_placements) && config.customer_placements.indexOf(name) >= 0;
  }

  function placementQuery(slot) {
    var name = slot.getAttribute('data-clerkbridge-placement');
    if (!name) return undefined;
    var params = ['format=html', 'placement=' + encodeURIComponent(name)];
    var storefront = slotStorefront(slot);
    if (storefront) params.push('storefront=' + encodeURIComponent(storefront));
    ['product', 'category', 'cart', 'order', 'limit'].forEach(function (key) {
      var value = slot.getAttribute('data-' + key);
      if (value) params.push(key + '=' + encodeURIComponent(value));
    });
    return params.join('&');
  }

  // --- stylesheet ------------------------------------------------------------------------------------------

  var styles = null; // settles once storefront.css loaded or failed, or at once when the page does not want it

  // The default look (storefront.css), linked once when the first placement is asked for, first in <head> so the
  // theme's own rules win ties; not when any element of the page (the <html> element, the script tag, a slot)
  // carries data-clerkbridge-styles="off" or the page links it itself. A slow stylesheet holds placements back
  // for 3 s at most.
  function loadStyles() {
    if (styles) return styles;
    styles = new Promise(function (resolve) {
      var url = config.stylesheet_url;
      if (!url || document.querySelector('[data-clerkbridge-styles="off"]')) { resolve(); return; }
      var links = document.querySelectorAll('link[rel~="stylesheet"]');
      for (var i = 0; i < links.length; i++) if (links[i].href === url) { resolve(); return; }
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = url;
      link.setAttribute('data-clerkbridge-styles', 'on');
      link.onload = link.onerror = function () { resolve(); };
      w.setTimeout(resolve, 3000);
      var head = document.head || document.documentElement;
      head.insertBefore(link, head.firstChild);
    });
    return styles;
  }

  // --- telling the merchant what is wrong ------------------------------------------------------------------

  var warned = {};
  var diagnosis = null;

  function pageOrigin() {
    return w.location.origin || (w.location.protocol + '//' + w.location.host);
  }

  function serverOrigin() {
    try { return new w.URL(config.recommendations_url || config.events_url).origin; } catch (error) { return 'clerkbridge'; }
  }

  // Shown whatever clerkbridge_debug says, once per message and page: a placement that never fills needs its
  // reason in the console more than it needs silence.
  function warn(message) {
    if (warned[message]) return;
    warned[message] = true;
    try { if (w.console && w.console.warn) w.console.warn('clerkbridge: ' + message); } catch (ignored) { /* never throw */ }
  }

  // A request that failed without an answer the page may read: clerkbridge refused this origin (no CORS headers)
  // or cannot be reached. A CORS request that any configured clerkbridge answers (/v1/recommendations without a
  // placement: 400 at once, no Clerk call) tells whether the page may read answers; if not, a no-cors request, which
  // resolves with any answer, tells a refused origin from an unreachable server. Once per page.
  function diagnose() {
    if (diagnosis || !config.recommendations_url || typeof w.fetch !== 'function') return;
    var probe = config.recommendations_url;
    diagnosis = w.fetch(probe, { credentials: 'omit' }).then(function () {
      return 'readable'; // this origin is allowed: the failure was passing
    }, function () {
      return w.fetch(probe, { mode: 'no-cors', credentials: 'omit' }).then(function () { return 'refused'; },
        function () { return 'unreachable'; });
    }).then(function (verdict) {
      var origin = pageOrigin();
      if (verdict === 'refused') {
        warn('this page\'s origin ' + origin + ' may not call ' + serverOrigin() + ' (CORS): it is not the base_url of ' +
          'any storefront. Placements keep their own content and shopper events are not recorded until ' + origin +
          ' is the base_url of its storefront in clerkbridge\'s config file (storefronts[].base_url) and serve is restarted.');
      } else if (verdict === 'unreachable') {
        warn('cannot reach ' + serverOrigin() + ' from ' + origin + '. Placements keep their own content. Check that ' +
          'serve runs there and that CLERKBRIDGE_PUBLIC_URL (server.public_url) is where browsers reach it.');
      }
    }).catch(report);
  }

  // What to change for a placement the server answered with an error.
  var ADVICE = {
    unknown_placement: 'configure it under placements: in clerkbridge\'s config, or fix the slot\'s data-clerkbridge-placement',
    unknown_storefront: 'fix the slot\'s data-storefront, or declare the storefront under storefronts: in clerkbridge\'s config',
    missing_parameter: 'give the slot the data- attribute it names',
    invalid_parameter: 'fix the slot\'s data- attribute (or the page\'s search parameter) it names',
    origin_not_allowed: 'make this origin the base_url of its storefront in clerkbridge\'s config (storefronts[].base_url)',
    unavailable: 'clerkbridge is not ready yet; the next page asks again',
  };

  // A slot the server refused (`what`: 'placement "home"' or 'search'): its error, read from the body, and what to
  // change.
  function refused(what, response) {
    return response.text().catch(function () { return ''; }).then(function (text) {
      var error = {};
      try { error = JSON.parse(text).error || {}; } catch (ignored) { error = {}; }
      var advice = ADVICE[error.code] || 'see the message';
      warn(what + ' on ' + pageOrigin() + ' was refused with HTTP ' + response.status +
        (error.code ? ' ' + error.code : '') + (error.message ? ': ' + error.message : '') + '. The slot keeps its own ' +
        'content; ' + advice + '.');
      var failure = new Error('placement answered ' + response.status);
      failure.explained = true;
      throw failure;
    });
  }

  // --- placements ------------------------------------------------------------------------------------------

  // A search slot's query: `data-q`, else the page's own `search_query` (BigCommerce's search page), and `data-sort`,
  // `data-page` (else the page's `sort` and `page`) and `data-limit`. Without a query it lists the catalog.
  function searchQuery(slot) {
    var own = new w.URLSearchParams(w.location.search);
    var params = ['format=html'];
    var text = slot.getAttribute('data-q') || own.get('search_query');
    if (text) params.push('q=' + encodeURIComponent(text));
    var storefront = slotStorefront(slot);
    if (storefront) params.push('storefront=' + encodeURIComponent(storefront));
    ['sort', 'page', 'limit'].forEach(function (key) {
      var value = slot.getAttribute('data-' + key) || (key === 'limit' ? null : own.get(key));
      if (value) params.push(key + '=' + encodeURIComponent(value));
    });
    return params.join('&');
  }

  // What a slot asks for: a placement (`data-clerkbridge-placement`) or search results (`data-clerkbridge-search`).
  function slotRequest(slot) {
    var name = slot.getAttribute('data-clerkbridge-placement');
    if (name) {
      var query = placementQuery(slot);
      return query && config.recommendations_url ? {
        url: config.recommendations_url, query: query, what: 'placement "' + name + '"', customer: needsCustomer(name),
      } : undefined;
    }
    if (!slot.hasAttribute('data-clerkbridge-search') || !config.search_url) return undefined;
    return { url: config.search_url, query: searchQuery(slot), what: 'search', customer: false };
  }

  function fill(slot) {
    var request = slotRequest(slot);
    if (!request) return;
    var query = request.query;
    var state = slot.getAttribute('data-clerkbridge-state');
    // A slot is asked again when it failed or its context changed (a single-page app reusing it).
    if ((state === 'loading' || state === 'filled' || state === 'empty') &&
      slot.getAttribute('data-clerkbridge-query') === query) return;
    slot.setAttribute('data-clerkbridge-state', 'loading');
    slot.setAttribute('data-clerkbridge-query', query);
    slot.setAttribute('aria-busy', 'true');
    var token = request.customer ? loadToken() : Promise.resolve('');
    var looks = loadStyles();
    function current() { return slot.getAttribute('data-clerkbridge-query') === query; }
    token.then(function (customerToken) {
      var url = request.url + '?' + query + '&visitor=' + encodeURIComponent(visitorID());
      if (customerToken) url += '&customer_token=' + encodeURIComponent(customerToken);
      return w.fetch(url, { credentials: 'omit' }).catch(function (error) {
        diagnose(); // no answer the page may read: a refused origin or an unreachable server
        error.explained = true;
        throw error;
      });
    }).then(function (response) {
      if (!response.ok) return refused(request.what, response);
      return response.text().then(function (html) { return looks.then(function () { return html; }); });
    }).then(function (html) {
      if (!current()) return; // asked again meanwhile
      slot.removeAttribute('aria-busy');
      // The built-in template says when nothing was found: the slot's own content stays then.
      if (/^\s*<[^>]*data-clerkbridge-count="0"/.test(html) || !/\S/.test(html)) {
        slot.setAttribute('data-clerkbridge-state', 'empty');
        return;
      }
      slot.innerHTML = html;
      slot.setAttribute('data-clerkbridge-state', 'filled');
    }).catch(function (error) {
      // The slot's own content stays: the merchant's fallback markup, never an empty box.
      if (current()) {
        slot.setAttribute('data-clerkbridge-state', 'failed');
        slot.removeAttribute('aria-busy');
      }
      if (!error || !error.explained) report(error);
    });
  }

  function render(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var slots = scope.querySelectorAll('[data-clerkbridge-placement], [data-clerkbridge-search]');
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      // Placement HTML inside a filled slot carries the attribute too: it is not a slot of its own.
      var outer = slot.parentElement && slot.parentElement.closest('[data-clerkbridge-state]');
      if (!outer && !slot.hasAttribute('data-clerkbridge-source')) fill(slot);
    }
  }

  function clicked(event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('[data-clerkbridge-product]') : null;
    var api = link && link.getAttribute('data-clerkbridge-api');
    if (!api) return; // only products Clerk chose are reported to it
    var productID = positiveID(link.getAttribute('data-clerkbridge-product'));
    var position = Number(link.getAttribute('data-clerkbridge-position'));
    var labels = [];
    try { labels = JSON.parse(link.getAttribute('data-clerkbridge-labels') || '[]'); } catch (error) { labels = []; }
    if (!productID || !isFinite(position) || position < 0) return;
    record('product_clicked', {
      product_id: productID,
      source: { api: api, position: Math.floor(position), labels: Array.isArray(labels) ? labels.filter(function (label) { return typeof label === 'string'; }) : [] },
    }, slotStorefront(link.closest('[data-clerkbridge-state]')));
  }

  // --- public API ------------------------------------------------------------------------------------------

  var api = {
    loaded: true,
    /** Records a contract.md event (`product_viewed`, `cart_item_added`, …) with its fields; returns its id. */
    track: guarded(function (type, fields) {
      if (TYPES.indexOf(type) < 0) { report('unknown event type ' + type); return undefined; }
      var copy = {};
      var given = fields && typeof fields === 'object' ? fields : {};
      for (var key in given) {
        if (Object.prototype.hasOwnProperty.call(given, key) &&
          ['id', 'type', 'visitor_id', 'occurred_at', 'customer_token', 'storefront', 'currency'].indexOf(key) < 0) {
          copy[key] = given[key];
        }
      }
      var storefront = typeof given.storefront === 'string' ? given.storefront : storefrontFor(given.currency);
      return record(type, copy, storefront);
    }),
    /** Sends the queued events now; resolves when the queue is empty (or a send failed and a retry is scheduled). */
    flush: function () {
      try { return send(); } catch (error) { report(error); return Promise.resolve(); }
    },
    /** The visitor id events carry. */
    visitor: guarded(function () { return visitorID(); }),
    /** Tells the script whether the shopper granted analytics consent (headless storefronts). */
    consent: guarded(function (granted) { applyConsent(granted === true); }),
    /** Fills the placements below `root` (default: the page) that are not filled yet. */
    render: guarded(function (root) { render(root); }),
  };

  try {
    w.clerkbridge = api;
    loadQueue();
    applyConsent(consentFromCookie());
    visitorID();
    if (queue.length) schedule(0);
    if (config.app_client_id) loadToken();
    if (!attachBodl()) {
      var tries = 0;
      var poll = w.setInterval(guarded(function () {
        tries += 1;
        if (attachBodl() || tries >= 40) w.clearInterval(poll); // BODL may load after us: retry for ~10 s
      }), 250);
      w.addEventListener('load', guarded(attachBodl));
    }
    document.addEventListener('visibilitychange', guarded(function () {
      if (document.visibilityState === 'hidden') sendOnExit();
    }));
    w.addEventListener('pagehide', guarded(sendOnExit));
    document.addEventListener('click', guarded(clicked), true);
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', guarded(function () { render(document); }));
    } else {
      render(document);
    }
  } catch (error) {
    report(error);
  }
})();
