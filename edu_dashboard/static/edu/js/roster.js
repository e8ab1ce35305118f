/* Licensed under the Apache License, Version 2.0; see LICENSE.
 *
 * The roster import of the Education dashboard: after a preview, the
 * roster is enrolled batch by batch (POST <import url>?batch=N), with a
 * progress bar between batches; generated passwords are collected into a
 * table and a CSV download. A failed batch can be tried again: the API
 * skips who is already enrolled, so nobody is enrolled twice.
 */
(function () {
  'use strict';

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) {
      return String(values[key]);
    });
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? '' : String(value);
    // A cell a spreadsheet would run as a formula is quoted as text.
    if (/^[=+\-@\t\r]/.test(text)) {
      text = "'" + text;
    }
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function start(box) {
    var url = box.getAttribute('data-url');
    var total = parseInt(box.getAttribute('data-batches'), 10);
    var text = JSON.parse(document.getElementById('edu-roster-text')
      .textContent);
    var token = document.querySelector(
      '#edu-roster-form input[name=csrfmiddlewaretoken]').value;
    var startButton = document.getElementById('edu-roster-start');
    var retry = document.getElementById('edu-roster-retry');
    var progress = box.querySelector('.progress');
    var bar = box.querySelector('.progress-bar');
    var status = box.querySelector('.edu-roster-status');
    var error = box.querySelector('.edu-roster-error');
    var done = box.querySelector('.edu-roster-done');
    var rows = box.querySelector('.edu-roster-passwords tbody');
    var enrolled = [];
    var next = 0;

    function show(element, visible) {
      element.style.display = visible ? '' : 'none';
    }

    function finish() {
      status.textContent = format(text.done, {students: enrolled.length});
      var lines = ['name,password'];
      enrolled.forEach(function (student) {
        var row = rows.insertRow();
        row.insertCell().textContent = student.name;
        row.insertCell().textContent = student.password || '';
        lines.push(csvCell(student.name) + ',' + csvCell(student.password));
      });
      document.getElementById('edu-roster-download').href =
        'data:text/csv;charset=utf-8,' +
        encodeURIComponent('\ufeff' + lines.join('\r\n') + '\r\n');
      show(done, true);
    }

    function fail(message) {
      error.textContent = format(text.failed, {error: message});
      show(error, true);
      show(retry, true);
    }

    function step() {
      if (next >= total) {
        finish();
        return;
      }
      fetch(url + '?batch=' + next, {
        method: 'POST', credentials: 'same-origin',
        headers: {'X-CSRFToken': token, 'Accept': 'application/json'}
      }).then(function (response) {
        return response.json().catch(function () {
          return {error: text.unreachable};
        }).then(function (body) {
          if (!response.ok) {
            throw new Error(body.error || text.unreachable);
          }
          return body;
        });
      }).then(function (body) {
        enrolled = enrolled.concat(body.students);
        next += 1;
        var percent = Math.round(100 * next / total);
        bar.style.width = percent + '%';
        bar.setAttribute('aria-valuenow', percent);
        status.textContent = format(text.progress, {
          done: next, total: total, students: enrolled.length});
        step();
      }).catch(function (problem) {
        fail(problem.message || text.unreachable);
      });
    }

    function run() {
      show(startButton, false);
      show(retry, false);
      show(error, false);
      show(progress, true);
      step();
    }

    startButton.addEventListener('click', run);
    retry.addEventListener('click', run);
  }

  function init() {
    var box = document.getElementById('edu-roster-import');
    if (box) {
      start(box);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
