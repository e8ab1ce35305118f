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
"""Grants in the dashboard: the resources, their labels, form fields."""

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from horizon import forms
from horizon import tables

# The Education API's resources (edu_rating.resources), as people read
# them on a page.
RESOURCES = (('vcpu', _("vCPUs")), ('ram_mb', _("RAM (MB)")),
             ('disk_gb', _("Disk (GB)")), ('instances', _("Instances")))
LABELS = dict(RESOURCES)
NAMES = tuple(name for name, _label in RESOURCES)
# The API refuses more than this (validation.MAX_AMOUNT); the form says so
# first.
MAX_AMOUNT = 10 ** 9


def fields(initial=None):
    """A form field per resource, named after it."""
    initial = initial or {}
    return {name: forms.IntegerField(label=label, min_value=0,
                                     max_value=MAX_AMOUNT,
                                     initial=initial.get(name, 0))
            for name, label in RESOURCES}


def of(data):
    """The grant in a form's cleaned data."""
    return {name: data[name] for name, _label in RESOURCES}


def number(value):
    """A whole amount as the user's locale groups it (131,072)."""
    return formats.number_format(value, force_grouping=True)


def _amount(name, key, used_key):
    def amount(datum):
        granted = number(datum[key].get(name, 0))
        if used_key is None:
            return granted
        # "used / granted", as edu-usage last measured the use.
        return '%s / %s' % (number(datum.get(used_key, {}).get(name, 0)),
                            granted)
    return amount


def table(key='grant', used_key=None):
    """A DataTable base with a column per resource of ``datum[key]``.

    The columns are named after the resources (:data:`NAMES`); a table
    places them among its own with ``Meta.columns``. With ``used_key``
    each shows ``datum[used_key]`` of it, "used / granted".
    """
    attrs = {name: tables.Column(_amount(name, key, used_key),
                                 verbose_name=label)
             for name, label in RESOURCES}
    # Rows are the API's objects: identified by id, shown by name.
    attrs['get_object_id'] = lambda table, datum: str(datum['id'])
    attrs['get_object_display'] = lambda table, datum: datum['name']
    return type('GrantTable', (tables.DataTable,), attrs)
