/*
 * Call and visit log (docs/<lang>/call-log.md): keep entries in this
 * browser's localStorage only, list them, export them as CSV, delete them.
 *
 * Why this shape: the reader's notes are evidence about them and their
 * family, so nothing is ever sent anywhere (no network API at all: the
 * static scan in scripts/check_scripts.py and the page's
 * Content-Security-Policy both hold this), and it must work from file://
 * and in the offline bundle, where page URLs end in .html. The markup and
 * its words come from overrides/partials/call-log.html and
 * data/call_log.yml: each field's <label> names its column (in the list
 * and in the CSV header), and data-msg-* attributes on [data-call-log] hold
 * the messages. Without JavaScript the form stays hidden and the page shows
 * a note and the printable sheet.
 *
 * Who else can read the log: localStorage belongs to the origin. Online,
 * every page under the same scheme, host and port can read it (on
 * <owner>.github.io, every Pages site of that owner). From file://,
 * Chromium gives every local file one shared store, so any HTML file the
 * reader opens could read it: there the log asks before it stores anything,
 * and keeps entries in memory for this visit if the reader says no.
 *
 * Entries are shared by the Chinese and English pages (same key), stored as
 * {"version": 1, "entries": [{"id", "created", "values": {name: text}}]}.
 * An entry that is not in that shape (null, a string, values that are not
 * an object) is skipped and reported, never shown or exported, kept as it
 * is when the log is saved, and removed by "clear all".
 */
(function () {
  "use strict";

  var KEY = "dxm-guide:call-log:v1";
  var UNREADABLE_KEY = KEY + ":unreadable";
  var CONSENT_KEY = "dxm-guide:call-log:file-consent";
  var root = document.querySelector("[data-call-log]");
  if (!root) {
    return;
  }
  var offline = window.location.protocol === "file:";
  var form = root.querySelector("form");
  var status = root.querySelector(".call-log__status");
  var list = root.querySelector(".call-log__list");
  var exportButton = root.querySelector('[data-action="export"]');
  var clearButton = root.querySelector('[data-action="clear"]');
  var fields = [];
  var controls = form.querySelectorAll("input[name], textarea[name]");
  for (var i = 0; i < controls.length; i++) {
    fields.push({
      name: controls[i].name,
      control: controls[i],
      column: controls[i].labels && controls[i].labels.length
        ? controls[i].labels[0].textContent.trim() : controls[i].name
    });
  }

  function message(name, count) {
    return (root.getAttribute("data-msg-" + name) || "").replace("{n}", String(count));
  }

  /* localStorage can be missing or throw (private modes, blocked storage,
     some file:// setups). Then entries live in memory for this visit. */
  var storage = (function () {
    try {
      var probe = KEY + ":probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();
  var memory = [];
  /* Offline, nothing is stored until the reader agrees; "no" keeps the log
     in memory until the page closes. An existing log means they agreed. */
  var memoryOnly = !storage;

  function read(name) {
    try {
      return storage ? storage.getItem(name) : null;
    } catch (error) {
      return null;
    }
  }

  function usable(entry) {
    return entry !== null && typeof entry === "object" && !Array.isArray(entry) &&
      entry.values !== null && typeof entry.values === "object" && !Array.isArray(entry.values);
  }

  /* Everything stored, as {entries: every stored item, in order, usable or
     not; skipped: how many are unusable; unreadable: the stored text could
     not be read at all}. */
  function load() {
    if (memoryOnly) {
      return { entries: memory.slice(), skipped: 0, unreadable: false };
    }
    var raw = read(KEY);
    if (!raw) {
      return { entries: [], skipped: 0, unreadable: false };
    }
    var data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      return { entries: [], skipped: 0, unreadable: true };
    }
    if (!data || typeof data !== "object" || !Array.isArray(data.entries)) {
      return { entries: [], skipped: 0, unreadable: true };
    }
    var skipped = 0;
    data.entries.forEach(function (entry) {
      if (!usable(entry)) {
        skipped += 1;
      }
    });
    return { entries: data.entries, skipped: skipped, unreadable: false };
  }

  function shownEntries(loaded) {
    return loaded.entries.filter(usable);
  }

  function save(entries) {
    if (memoryOnly) {
      memory = entries.slice();
      return true;
    }
    try {
      if (load().unreadable) {
        // Never overwrite what we cannot read: keep it beside the log.
        storage.setItem(UNREADABLE_KEY, read(KEY));
      }
      storage.setItem(KEY, JSON.stringify({ version: 1, entries: entries }));
      return true;
    } catch (error) {
      return false;
    }
  }

  /* Clearing must work whatever is stored, readable or not. */
  function clearAll() {
    memory = [];
    if (!storage) {
      return true;
    }
    var cleared = true;
    [KEY, UNREADABLE_KEY].forEach(function (name) {
      try {
        storage.removeItem(name);
      } catch (error) {
        cleared = false;
      }
    });
    return cleared;
  }

  /* Offline: ask once before the first thing is stored in the shared store. */
  function mayStore() {
    if (!offline || memoryOnly || read(KEY) || read(CONSENT_KEY) === "yes") {
      return true;
    }
    if (!window.confirm(message("confirm-file-storage"))) {
      memoryOnly = true;
      memory = [];
      return false;
    }
    try {
      storage.setItem(CONSENT_KEY, "yes");
    } catch (error) {
      // Storing the answer failed; the log itself will say if saving fails.
    }
    return true;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /* The value a datetime-local input takes: local time, to the minute. */
  function localNow() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) +
      "T" + pad(now.getHours()) + ":" + pad(now.getMinutes());
  }

  /* What a reader sees, in the list and in the CSV file. */
  function shown(field, value) {
    value = value == null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    return field.name === "when" ? value.replace("T", " ") : value;
  }

  function value(entry, name) {
    return entry.values[name];
  }

  /* Oldest first, as a log is read; entries saved at the same time keep
     their order. */
  function sorted(entries) {
    return entries.slice().sort(function (a, b) {
      var left = String(value(a, "when") || "");
      var right = String(value(b, "when") || "");
      if (left !== right) {
        return left < right ? -1 : 1;
      }
      return (Number(a.created) || 0) - (Number(b.created) || 0);
    });
  }

  function render() {
    var loaded = load();
    var entries = sorted(shownEntries(loaded));
    list.textContent = "";
    var summary = document.createElement("p");
    summary.className = "call-log__count";
    summary.textContent = entries.length ? message("count", entries.length) : message("empty");
    list.appendChild(summary);
    if (loaded.skipped || loaded.unreadable) {
      var problem = document.createElement("p");
      problem.className = "call-log__problem";
      problem.textContent = loaded.unreadable ? message("unreadable") : message("skipped", loaded.skipped);
      list.appendChild(problem);
    }
    exportButton.disabled = !entries.length;
    clearButton.disabled = !entries.length && !loaded.skipped && !loaded.unreadable && !read(UNREADABLE_KEY);
    if (!entries.length) {
      return;
    }
    var items = document.createElement("ol");
    items.className = "call-log__entries";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.className = "call-log__entry";
      var details = document.createElement("dl");
      fields.forEach(function (field) {
        var text = shown(field, value(entry, field.name));
        if (!text) {
          return;
        }
        var term = document.createElement("dt");
        term.textContent = field.column;
        var description = document.createElement("dd");
        description.textContent = text;
        details.appendChild(term);
        details.appendChild(description);
      });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "call-log__button call-log__button--small";
      remove.textContent = message("delete");
      remove.setAttribute("aria-label", message("delete") + " " + shown(fields[0], value(entry, fields[0].name)));
      remove.setAttribute("data-delete", String(entry.id));
      item.appendChild(details);
      item.appendChild(remove);
      items.appendChild(item);
    });
    list.appendChild(items);
  }

  /* After something the reader did, the message stays where they can see
     it, even when the list above the buttons just shrank (after "clear
     all") or grew. A message shown as the page opens does not scroll it. */
  function say(text, onLoad) {
    status.textContent = text;
    if (onLoad) {
      return;
    }
    var box = status.getBoundingClientRect();
    if (box.top < 0 || box.bottom > (window.innerHeight || document.documentElement.clientHeight)) {
      status.scrollIntoView({ block: "center" });
    }
  }

  /* Characters a reader cannot see, which a spreadsheet skips before it
     decides whether a cell is a formula. */
  var INVISIBLE = /^[\s\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]+/;

  /* Would a spreadsheet read this cell as a formula? It looks at the first
     visible character, and also folds full-width forms (＝ ＋ － ＠ ｜) and
     other look-alikes to = + - @ |. A tab or carriage return at the start
     counts too. */
  function formulaLike(text) {
    if (/^[\t\r\n]/.test(text)) {
      return true;
    }
    var first = text.replace(INVISIBLE, "").charAt(0);
    var folded = first.normalize ? first.normalize("NFKC") : first;
    return /^[=+\-@|\u2212\u2013\u2014\ufe62\ufe63\uff0b\uff0d\uff1d\uff20\uff5c]/.test(folded);
  }

  /* One CSV cell: always quoted, inner quotes doubled. A cell that a
     spreadsheet could read as a formula gets a leading ' so it shows as
     text instead of running. */
  function cell(value) {
    var text = value == null ? "" : String(value);
    if (formulaLike(text)) {
      text = "'" + text;
    }
    return '"' + text.replace(/"/g, '""') + '"';
  }

  /* RFC 4180 rows with CRLF, after a UTF-8 byte order mark so Excel and
     WPS read the Chinese correctly. */
  function csv(entries) {
    var rows = [fields.map(function (field) { return cell(field.column); }).join(",")];
    sorted(entries).forEach(function (entry) {
      rows.push(fields.map(function (field) {
        return cell(shown(field, value(entry, field.name)));
      }).join(","));
    });
    return "\ufeff" + rows.join("\r\n") + "\r\n";
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
      link.parentNode.removeChild(link);
    }, 1000);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = {};
    fields.forEach(function (field) {
      values[field.name] = field.control.value.trim();
    });
    var stored = mayStore();
    var entries = load().entries;
    entries.push({
      id: Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
      created: Date.now(),
      values: values
    });
    if (!save(entries)) {
      say(message("save-failed"));
      return;
    }
    form.reset();
    fields[0].control.value = localNow();
    render();
    say(stored && !memoryOnly ? message("saved") : message("saved") + " " + message(storage ? "memory-only" : "no-storage"));
  });

  list.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-delete]") : null;
    if (!button || !window.confirm(message("confirm-delete"))) {
      return;
    }
    var id = button.getAttribute("data-delete");
    var entries = load().entries.filter(function (entry) { return !usable(entry) || String(entry.id) !== id; });
    if (!save(entries)) {
      say(message("save-failed"));
      return;
    }
    render();
    say(message("deleted"));
  });

  exportButton.addEventListener("click", function () {
    var today = localNow().slice(0, 10);
    download(csv(shownEntries(load())), (root.getAttribute("data-file-name") || "call-log") + "-" + today + ".csv");
  });

  clearButton.addEventListener("click", function () {
    if (!window.confirm(message("confirm-clear"))) {
      return;
    }
    if (!clearAll()) {
      say(message("save-failed"));
      return;
    }
    render();
    say(message("cleared"));
  });

  // Another tab of the guide changed the log: show the same entries here.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) {
      render();
    }
  });

  var notes = root.querySelectorAll("[data-storage-note]");
  for (var n = 0; n < notes.length; n++) {
    notes[n].hidden = notes[n].getAttribute("data-storage-note") !== (offline ? "offline" : "online");
  }
  fields[0].control.value = localNow();
  try {
    render();
  } catch (error) {
    // Whatever is stored, the reader can still clear it.
    clearButton.disabled = false;
  }
  if (!storage) {
    say(message("no-storage"), true);
  }
  root.hidden = false;
  var fallback = document.querySelector("[data-call-log-fallback]");
  if (fallback) {
    fallback.hidden = true;
  }
})();
