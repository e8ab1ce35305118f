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

from django.utils.translation import gettext_lazy as _

from edu_dashboard import grants


def _chart(name, used, quota, text):
    return {'name': grants.LABELS[name], 'used': used, 'quota': quota,
            'text': text}


def section(title, allocation, used_key, text):
    """A row of pies: ``allocation[used_key]`` of the grant, per resource.

    :param allocation: the Education API's view of a grant (``grant``,
        ``delegated``, ``free``, ``in_use``).
    """
    return {'title': title,
            'charts': [_chart(name, allocation[used_key].get(name, 0),
                              allocation['grant'].get(name, 0), text)
                       for name in grants.NAMES]}


def of_school(allocation):
    return [section(_("Granted by the platform, delegated to teachers"),
                    allocation, 'delegated', _("Delegated"))]


def of_teacher(allocation):
    return [section(_("Your grant, shared out to your students"),
                    allocation, 'delegated', _("Granted to students")),
            section(_("Your grant, used by your own project"),
                    allocation, 'in_use', _("Used"))]


def of_student(allocation):
    return [section(_("Your grant, and what you use of it"),
                    allocation, 'in_use', _("Used"))]
