/*
 * Call and visit log (docs/<lang>/call-log.md): keep entries in this
 * browser's localStorage only, list them, export them as CSV, delete them.
 *
 * Why this shape: the reader's notes are evidence about them and their
 * family, so nothing is ever sent anywhere (no fetch, no form submission),
 * and it must work from file:// and in the offline bundle, where page URLs
 * end in .html. The page carries everything that depends on the language:
 * each field's <label> names its column (in the list and in the CSV header),
 * and data-msg-* attributes on [data-call-log] hold the messages. Without
 * JavaScript the form stays hidden and the page shows a note and the
 * printable sheet.
 *
 * Entries are shared by the Chinese and English pages (same key), stored as
 * {"version": 1, "entries": [{"id", "created", "values": {name: text}}]}.
 */
(function () {
  "use strict";

  var KEY = "dxm-guide:call-log:v1";
  var root = document.querySelector("[data-call-log]");
  if (!root) {
    return;
  }
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

  function load() {
    if (!storage) {
      return memory.slice();
    }
    var raw = storage.getItem(KEY);
    if (!raw) {
      return [];
    }
    try {
      var data = JSON.parse(raw);
      return data && Array.isArray(data.entries) ? data.entries : [];
    } catch (error) {
      return [];
    }
  }

  function save(entries) {
    if (!storage) {
      memory = entries.slice();
      return true;
    }
    try {
      var previous = storage.getItem(KEY);
      if (previous) {
        try {
          JSON.parse(previous);
        } catch (error) {
          // Never overwrite what we cannot read: keep it beside the log.
          storage.setItem(KEY + ":unreadable", previous);
        }
      }
      if (entries.length) {
        storage.setItem(KEY, JSON.stringify({ version: 1, entries: entries }));
      } else {
        storage.removeItem(KEY);
      }
      return true;
    } catch (error) {
      return false;
    }
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
    value = value == null ? "" : String(value);
    return field.name === "when" ? value.replace("T", " ") : value;
  }

  /* Oldest first, as a log is read; entries saved at the same time keep
     their order. */
  function sorted(entries) {
    return entries.slice().sort(function (a, b) {
      var left = (a.values && a.values.when) || "";
      var right = (b.values && b.values.when) || "";
      if (left !== right) {
        return left < right ? -1 : 1;
      }
      return (a.created || 0) - (b.created || 0);
    });
  }

  function render() {
    var entries = sorted(load());
    list.textContent = "";
    var summary = document.createElement("p");
    summary.className = "call-log__count";
    summary.textContent = entries.length ? message("count", entries.length) : message("empty");
    list.appendChild(summary);
    exportButton.disabled = clearButton.disabled = !entries.length;
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
        var value = shown(field, entry.values && entry.values[field.name]);
        if (!value) {
          return;
        }
        var term = document.createElement("dt");
        term.textContent = field.column;
        var description = document.createElement("dd");
        description.textContent = value;
        details.appendChild(term);
        details.appendChild(description);
      });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "call-log__button call-log__button--small";
      remove.textContent = message("delete");
      remove.setAttribute("aria-label", message("delete") + " " + shown(fields[0], entry.values && entry.values[fields[0].name]));
      remove.setAttribute("data-delete", entry.id);
      item.appendChild(details);
      item.appendChild(remove);
      items.appendChild(item);
    });
    list.appendChild(items);
  }

  function say(text) {
    status.textContent = text;
  }

  /* One CSV cell: always quoted, inner quotes doubled. A cell that starts
     like a formula (= + - @, tab, carriage return) gets a leading ' so a
     spreadsheet shows it as text instead of running it. */
  function cell(value) {
    var text = value == null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) {
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
        return cell(shown(field, entry.values && entry.values[field.name]));
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
    var entries = load();
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
    say(message("saved"));
  });

  list.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-delete]") : null;
    if (!button || !window.confirm(message("confirm-delete"))) {
      return;
    }
    var id = button.getAttribute("data-delete");
    var entries = load().filter(function (entry) { return entry.id !== id; });
    if (!save(entries)) {
      say(message("save-failed"));
      return;
    }
    render();
    say(message("deleted"));
  });

  exportButton.addEventListener("click", function () {
    var today = localNow().slice(0, 10);
    download(csv(load()), (root.getAttribute("data-file-name") || "call-log") + "-" + today + ".csv");
  });

  clearButton.addEventListener("click", function () {
    if (!window.confirm(message("confirm-clear"))) {
      return;
    }
    if (!save([])) {
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

  fields[0].control.value = localNow();
  render();
  if (!storage) {
    say(message("no-storage"));
  }
  root.hidden = false;
  var fallback = document.querySelector("[data-call-log-fallback]");
  if (fallback) {
    fallback.hidden = true;
  }
})();
