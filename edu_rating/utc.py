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
"""One rule for time: aware UTC datetimes, whole seconds.

The ledger's resolution is one second (MySQL's DATETIME default), so every
time that enters or leaves the database goes through :func:`normalize`;
proration then sums exactly across any split of a period.
"""

import datetime

UTC = datetime.timezone.utc


def normalize(dt):
    """Return ``dt`` as an aware UTC datetime without sub-second part.

    A naive datetime is taken to be UTC already, as CloudKitty does.
    """
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0)


def now():
    return normalize(datetime.datetime.now(UTC))
