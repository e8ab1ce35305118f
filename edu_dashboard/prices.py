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
"""Prices in the dashboard: a decimal per resource, per unit and hour."""

from django.utils.translation import gettext_lazy as _
from horizon import forms

# What one price is for, per resource of grants.RESOURCES.
LABELS = {'vcpu': _("Price per vCPU-hour"),
          'ram_mb': _("Price per GiB-hour of RAM"),
          'disk_gb': _("Price per GB-hour of disk"),
          'instances': _("Price per instance-hour")}


def fields(initial=None):
    """A decimal field per resource, named after it."""
    initial = initial or {}
    return {name: forms.DecimalField(label=label, min_value=0,
                                     max_digits=20, decimal_places=6,
                                     initial=initial.get(name, '0'))
            for name, label in LABELS.items()}


def of(data):
    """The rates of a form, as the API wants them: decimal strings."""
    return {name: '{:f}'.format(data[name]) for name in LABELS}
