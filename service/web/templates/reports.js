// The job page's report box, improved: ask for a report without leaving the page and follow its
// state until the download link appears. Without this script the same forms post as usual and the
// report's own page refreshes itself, so nothing here is needed for the page to work.
// Served from /ui/static/reports.js (the pages' Content-Security-Policy allows only same-origin
// scripts); requests carry the sign-in cookie like the forms do and ask for JSON.
(function () {
  "use strict";

  var box = document.getElementById("reports");
  if (!box || !window.fetch || !window.FormData) {
    return;
  }
  var stateUrl = box.getAttribute("data-state-url");
  var table = document.getElementById("report-tasks");
  var body = table.tBodies[0];
  var note = document.getElementById("report-message");
  var timer = null;
  var quickPolls = 10; // the first polls come every second, so a small report shows up fast

  function say(text, kind) {
    note.textContent = text;
    note.className = "box " + (kind || "");
    note.hidden = !text;
  }

  function cell(row, index) {
    while (row.cells.length <= index) {
      row.insertCell(-1);
    }
    return row.cells[index];
  }

  function link(href, text, format) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (format) {
      a.className = "report-download";
      a.setAttribute("data-format", format);
    }
    return a;
  }

  // Show one task (as /ui/jobs/{id}/reports returns it) in its row, adding the row if it is new.
  function show(task) {
    var row = document.getElementById("task-" + task.id);
    if (!row) {
      row = body.insertRow(0);
      row.id = "task-" + task.id;
      row.className = "report-task";
      row.setAttribute("data-task-id", task.id);
    }
    row.setAttribute("data-status", task.status);
    row.setAttribute("data-active", task.active ? "true" : "false");
    cell(row, 0).textContent = task.format.toUpperCase();
    cell(row, 1).textContent = task.created;
    var state = cell(row, 2);
    state.className = "report-state report-state-" + task.status;
    state.textContent = task.text;
    var action = cell(row, 3);
    action.className = "report-action";
    action.textContent = "";
    if (task.download_url) {
      action.appendChild(link(task.download_url, "Download " + task.format.toUpperCase(), task.format));
    } else {
      action.appendChild(link(task.page_url, "details", ""));
    }
    table.hidden = false;
  }

  function anyActive() {
    return body.querySelector('tr[data-active="true"]') !== null;
  }

  function schedule(seconds) {
    if (timer === null) {
      timer = window.setTimeout(poll, seconds * 1000);
    }
  }

  function failure(response) {
    return response.json().then(
      function (data) { return (data && data.detail) || "The server answered " + response.status + "."; },
      function () { return "The server answered " + response.status + "."; }
    );
  }

  function poll() {
    timer = null;
    fetch(stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          return failure(response).then(function (detail) {
            say(detail, "error");
            if (response.status === 429) {
              schedule(Number(response.headers.get("Retry-After")) || 10);
            }
          });
        }
        return response.json().then(function (data) {
          data.tasks.forEach(show);
          if (anyActive()) {
            schedule(quickPolls-- > 0 ? 1 : data.poll_seconds || 2);
          }
        });
      })
      .catch(function () {
        schedule(5); // the network or the server is away for a moment: try again
      });
  }

  function ask(event) {
    var form = event.target;
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          return failure(response).then(function (detail) { say(detail, "error"); });
        }
        return response.json().then(function (task) {
          say("", "");
          show(task);
          quickPolls = 10;
          schedule(1);
        });
      })
      .catch(function () {
        say("The server could not be reached; try again in a moment.", "error");
      })
      .then(function () {
        button.disabled = false;
      });
  }

  Array.prototype.forEach.call(box.querySelectorAll("form.report-request"), function (form) {
    form.addEventListener("submit", ask);
  });
  if (anyActive()) {
    schedule(1);
  }
})();
