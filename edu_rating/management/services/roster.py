# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Reading a class roster (CSV) into entries, every line checked first.

One bad line rejects the whole roster: the message names its line number,
counting the header as line 1, so a secretary can find it in a
spreadsheet.
"""

import collections
import csv
import io

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.services import validation

COLUMNS = ('name', 'email', 'password')
# A line's verdict in a preview.
STATUSES = ('new', 'enrolled', 'invalid')
MAX_STUDENTS = 1000

Entry = collections.namedtuple('Entry', ('name', 'email', 'password',
                                         'grant', 'line'))


def entry(name, email, password, grant, line=None):
    """One student to enrol, validated (``grant`` already full)."""
    return Entry(validation.keystone_name(name, 'name'),
                 validation.email(email), validation.password(password),
                 grant, line)


def _invalid(line, message, **details):
    return exceptions.Invalid(
        _("line %(line)d: %(message)s") % {'line': line, 'message': message},
        error_code='roster.line_invalid', line=line, **details)


def _header(reader):
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise _invalid(1, str(error))
    if header is None:
        raise exceptions.Invalid(_("The roster is empty; its first line "
                                   "must name the columns, e.g. "
                                   "name,email."),
                                 error_code='roster.empty', line=1)
    header = [column.strip().lower() for column in header]
    if 'name' not in header:
        raise _invalid(1, _("the header must have a name column (it has "
                            "%s).") % ', '.join(header))
    unknown = [column for column in header if column not in COLUMNS]
    if unknown or len(set(header)) != len(header):
        raise _invalid(1, _("the columns must be among %(known)s, each "
                            "once (got %(got)s).")
                       % {'known': ', '.join(COLUMNS),
                          'got': ', '.join(header)})
    return header


def _lines(reader):
    """``(line number, cells, csv error)`` of each line after the header.

    A line the csv module cannot read is reported and reading goes on, so
    a preview names every bad line, not only the first.
    """
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            yield reader.line_num, None, str(error)
            if error.args and 'end of data' in str(error):
                return
            continue
        if cells is None:
            return
        yield reader.line_num, cells, None


def _entry(header, line, cells, grant):
    if len(cells) > len(header):
        raise _invalid(line, _("%(got)d values for %(want)d columns.")
                       % {'got': len(cells), 'want': len(header)})
    row = dict(zip(header, (cell.strip() for cell in cells)))
    try:
        return entry(row.get('name'), row.get('email'),
                     row.get('password'), grant, line)
    except exceptions.Invalid as error:
        raise _invalid(line, error.message, **error.details)


def _verdict(line, name, email, status, message=None):
    return {'line': line, 'name': name, 'email': email, 'status': status,
            'message': message}


def check(csv_text, grant, enrolled, skip_enrolled=False):
    """Every line of a roster with its verdict, nothing refused early.

    :param grant: the (full) grant of each student, the class's default.
    :param enrolled: names already enrolled in the class.
    :param skip_enrolled: whether a name already enrolled is skipped
        (status ``enrolled``) rather than an error, so that a roster
        imported part way can be sent again.
    :returns: ``(entries, lines)``: the students to enrol, and a verdict
        per non-blank line (``new``, ``enrolled`` or ``invalid`` with its
        ``message``).
    :raises Invalid: when the roster cannot be read at all (no text, a bad
        header).
    """
    if not isinstance(csv_text, str):
        raise exceptions.Invalid(_("The roster must be CSV text."),
                                 error_code='roster.not_csv')
    # Spreadsheets save CSV with a byte-order mark before the header.
    reader = csv.reader(io.StringIO(csv_text.lstrip('\ufeff'), newline=''),
                        strict=True)
    header = _header(reader)
    entries, lines, seen = [], [], {}
    for line, cells, error in _lines(reader):
        if error is not None:
            lines.append(_verdict(line, None, None, 'invalid',
                                  _invalid(line, error).message))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        raw = dict(zip(header, (cell.strip() for cell in cells)))
        verdict = _verdict(line, raw.get('name'), raw.get('email'), 'new')
        lines.append(verdict)
        try:
            item = _entry(header, line, cells, grant)
            if item.name in seen:
                raise _invalid(line, _("%(name)s is already on line "
                                       "%(first)d.")
                               % {'name': item.name,
                                  'first': seen[item.name]})
            seen[item.name] = line
            if item.name in enrolled and not skip_enrolled:
                raise _invalid(line, _("%s is already enrolled in this "
                                       "class.") % item.name)
        except exceptions.Invalid as error:
            verdict.update(status='invalid', message=error.message)
            continue
        if item.name in enrolled:
            verdict['status'] = 'enrolled'
            continue
        entries.append(item)
        if len(entries) > MAX_STUDENTS:
            verdict.update(status='invalid', message=_invalid(
                line, _("a roster holds at most %d students.")
                % MAX_STUDENTS).message)
            entries.pop()
    return entries, lines


def invalid_lines(lines):
    return [verdict for verdict in lines if verdict['status'] == 'invalid']


def parse(csv_text, grant, enrolled, skip_enrolled=False):
    """The entries of a roster, refused whole when any line is bad.

    :raises Invalid: naming the first bad line, with every bad line in
        its ``lines`` detail.
    """
    entries, lines = check(csv_text, grant, enrolled, skip_enrolled)
    bad = invalid_lines(lines)
    if bad:
        raise exceptions.Invalid(
            bad[0]['message'], error_code='roster.line_invalid',
            line=bad[0]['line'],
            lines=[{'line': verdict['line'], 'message': verdict['message']}
                   for verdict in bad])
    if not entries and not any(verdict['status'] == 'enrolled'
                               for verdict in lines):
        raise exceptions.Invalid(_("The roster lists no students."),
                                 error_code='roster.no_students')
    return entries
