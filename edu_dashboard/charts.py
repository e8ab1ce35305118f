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
"""Grants as pies of Horizon's limit summary (templates/edu/_grant_summary)."""

import datetime

from django.utils.translation import gettext_lazy as _

from edu_dashboard import grants


def _chart(name, used, quota, text):
    # Past 100 % (a platform may sell more than it has) the pie is full.
    percent = min(100, used * 100 // quota) if quota else (
        100 if used else 0)
    return {'name': grants.LABELS[name], 'percent': percent,
            'used': grants.number(used), 'quota': grants.number(quota),
            'text': text}


def _swept(measured_at):
    """When a sweep measured the usage shown, for people (UTC), or None."""
    if not measured_at:
        return {'measured_at': None}
    when = datetime.datetime.fromisoformat(measured_at)
    return {'measured_at': when.astimezone(datetime.timezone.utc).strftime(
        '%Y-%m-%d %H:%M')}


def pies(title, used, available, text, swept=False, measured_at=None):
    """A row of pies: ``used`` of ``available``, per resource.

    A resource with nothing to measure against (``None``: Placement does
    not count instances) has no pie. ``swept``: ``used`` is as edu-usage
    last measured it, at ``measured_at`` (an ISO time, None before the
    first), which the row then says.
    """
    row = {'title': title,
           'charts': [_chart(name, used.get(name, 0), available[name], text)
                      for name in grants.NAMES
                      if available.get(name) is not None]}
    if swept:
        row['swept'] = _swept(measured_at)
    return row


def section(title, allocation, used_key, text, swept=False):
    """A row of pies: ``allocation[used_key]`` of the grant, per resource.

    :param allocation: the Education API's view of a grant (``grant``,
        ``delegated``, ``free``, ``in_use``, ``usage_measured_at``).
    """
    return pies(title, allocation[used_key], allocation['grant'], text,
                swept, allocation.get('usage_measured_at'))


def of_platform(summary):
    """The platform's totals (the API's ``/platform``)."""
    schools = summary['granted_to_schools']
    return [pies(_("The cloud's capacity, granted to schools"),
                 schools, summary['capacity'], _("Granted")),
            pies(_("Granted to schools, granted on to teachers"),
                 summary['granted_to_teachers'], schools, _("Granted")),
            pies(_("Granted to schools, in use"),
                 summary['in_use'], schools, _("Used"), swept=True,
                 measured_at=summary.get('usage_measured_at'))]


def of_school(allocation):
    return [section(_("Granted by the platform, delegated to teachers"),
                    allocation, 'delegated', _("Delegated")),
            section(_("Granted by the platform, in use in the school"),
                    allocation, 'in_use', _("Used"), swept=True)]


def of_teacher(allocation):
    return [section(_("Your grant, shared out to your students"),
                    allocation, 'delegated', _("Granted to students")),
            section(_("Your grant, used by your own project"),
                    allocation, 'in_use', _("Used"), swept=True)]


def of_student(allocation):
    return [section(_("Your grant, and what you use of it"),
                    allocation, 'in_use', _("Used"), swept=True)]
