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
"""Checks of what callers send, with messages for the person who typed it.

Names may hold any Unicode, HTML included: they are stored verbatim and
escaping is the display's job. Control characters are refused because no
one means them and terminals, CSV exports and logs choke on them.
"""

import datetime
import decimal
import unicodedata

from oslo_config import cfg

from edu_rating import conf as edu_conf
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.rating import pricing
from edu_rating import resources as catalogue
from edu_rating import utc

# Above anything a school could buy, below what a BIGINT or a Keystone
# limit holds.
MAX_AMOUNT = 1000000000
# Keystone's limit for user, project and domain names.
KEYSTONE_NAME_LENGTH = 64
NAME_LENGTH = 255
MAX_PAGE = 1000


def resources():
    """The configured resources (read per call: the API may reload them).

    Registering the options costs a hundred times more than reading one,
    and views call this once per row of a list: register on first use only.
    """
    try:
        return list(edu_conf.CONF.edu.resources)
    except cfg.NoSuchOptError:
        return list(edu_conf.register_opts().edu.resources)


def quantity(resource, amount):
    """``8 vCPU``: an amount as people say it."""
    known = catalogue.BY_NAME.get(resource)
    return '%d %s' % (amount, _(known.label) if known else resource)


def _known(resource, known, field):
    if resource not in known:
        raise exceptions.Invalid(
            _("Unknown resource %(resource)s in %(field)s; expected one of "
              "%(known)s.")
            % {'resource': resource, 'field': field,
               'known': ', '.join(known)},
            error_code='grant.resource_unknown',
            field=field, resource=resource)


def grant(value, field='grant'):
    """A (partial) grant: ``{resource: int}`` of known resources."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise exceptions.Invalid(
            _("%(field)s must be an object of resource amounts, e.g. "
              "{\"vcpu\": 4}.") % {'field': field},
            error_code='grant.not_object', field=field)
    known = resources()
    for resource, amount in value.items():
        _known(resource, known, field)
        if (isinstance(amount, bool) or not isinstance(amount, int) or
                not 0 <= amount <= MAX_AMOUNT):
            raise exceptions.Invalid(
                _("%(field)s: %(resource)s must be a whole number from 0 "
                  "to %(max)d (got %(amount)r).")
                % {'field': field, 'resource': resource, 'max': MAX_AMOUNT,
                   'amount': amount},
                error_code='grant.amount_invalid',
                field=field, resource=resource)
    return dict(value)


def text(value, field, max_length=NAME_LENGTH, required=True):
    """A name or description: no control characters, bounded length."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise exceptions.Invalid(_("%s must not be empty.") % field,
                                 error_code='field.empty', field=field)
    if value != value.strip():
        raise exceptions.Invalid(
            _("%s must not start or end with spaces.") % field,
            error_code='field.spaces', field=field)
    if len(value) > max_length:
        raise exceptions.Invalid(
            _("%(field)s is %(length)d characters long; at most %(max)d "
              "are allowed.")
            % {'field': field, 'length': len(value), 'max': max_length},
            error_code='field.too_long', field=field)
    if any(unicodedata.category(char) == 'Cc' for char in value):
        raise exceptions.Invalid(
            _("%s must not contain control characters (tabs, line "
              "breaks...).") % field,
            error_code='field.control_characters', field=field)
    return value


def keystone_name(value, field):
    return text(value, field, max_length=KEYSTONE_NAME_LENGTH)


def email(value, field='email'):
    if value is None or value == '':
        return None
    text(value, field)
    local, _at, domain = value.rpartition('@')
    if not local or '.' not in domain or any(c.isspace() for c in value):
        raise exceptions.Invalid(
            _("%(field)s %(value)s is not an e-mail address.")
            % {'field': field, 'value': value},
            error_code='field.not_email', field=field)
    return value


def new_password(value, field='password'):
    """A password being set: as :func:`password`, and not empty."""
    found = password(value, field)
    if found is None:
        raise exceptions.Invalid(_("%s must not be empty.") % field,
                                 error_code='field.empty', field=field)
    return found


def password(value, field='password'):
    if value is None or value == '':
        return None
    if not isinstance(value, str) or any(
            unicodedata.category(char) == 'Cc' for char in value):
        raise exceptions.Invalid(
            _("%s must be text without control characters.") % field,
            error_code='field.control_characters', field=field)
    if len(value) > NAME_LENGTH:
        raise exceptions.Invalid(
            _("%(field)s is longer than %(max)d characters.")
            % {'field': field, 'max': NAME_LENGTH},
            error_code='field.too_long', field=field)
    return value


def date(value, field):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise exceptions.Invalid(
            _("%(field)s must be a date like 2027-01-31 (got %(value)r).")
            % {'field': field, 'value': value},
            error_code='field.not_date', field=field)


def page_limit(limit):
    if (isinstance(limit, bool) or not isinstance(limit, int) or
            not 1 <= limit <= MAX_PAGE):
        raise exceptions.Invalid(
            _("limit must be a whole number from 1 to %d.") % MAX_PAGE,
            error_code='page.limit_invalid', field='limit')
    return limit


def flag(value, field):
    if not isinstance(value, bool):
        raise exceptions.Invalid(_("%s must be true or false.") % field,
                                 error_code='field.not_boolean', field=field)
    return value


def changes(value, allowed, kind):
    """The fields a PATCH may change; any other is refused by name."""
    value = dict(value or {})
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise exceptions.Invalid(
            _("A %(kind)s's %(fields)s cannot be changed; only %(allowed)s "
              "can.")
            % {'kind': kind, 'fields': ', '.join(unknown),
               'allowed': ', '.join(allowed)},
            error_code='field.immutable', field=unknown[0])
    return value


def currency(value, field='currency'):
    """An ISO 4217 code such as EUR or CNY."""
    if not isinstance(value, str) or value.upper() not in set(
            pricing.currencies()):
        raise exceptions.Invalid(
            _("%(field)s must be an ISO 4217 currency code such as EUR, "
              "USD or CNY (got %(value)r).")
            % {'field': field, 'value': value},
            error_code='field.not_currency', field=field)
    return value.upper()


def rates(value, field='rates'):
    """``{resource: Decimal}``: prices per price-unit-hour.

    Given as strings ("0.045") or JSON numbers; at least 0, at most
    pricing.MAX_RATE, with at most pricing.RATE_PLACES decimals.
    """
    if not isinstance(value, dict) or not value:
        raise exceptions.Invalid(
            _("%(field)s must be an object of prices per hour, e.g. "
              "{\"vcpu\": \"0.02\"}.") % {'field': field},
            error_code='price.not_object', field=field)
    known = resources()
    result = {}
    for resource, given in value.items():
        _known(resource, known, field)
        rate = None
        if isinstance(given, (str, int, float)) and not isinstance(
                given, bool):
            try:
                rate = decimal.Decimal(str(given).strip())
            except decimal.InvalidOperation:
                rate = None
        words = {'field': field, 'resource': resource, 'value': given,
                 'max': pricing.MAX_RATE, 'places': pricing.RATE_PLACES}
        if rate is None or not rate.is_finite():
            message = _("%(field)s: the price of %(resource)s must be a "
                        "number such as \"0.02\" (got %(value)r).")
        elif not 0 <= rate <= pricing.MAX_RATE:
            message = _("%(field)s: the price of %(resource)s must be from 0 "
                        "to %(max)s (got %(value)s).")
        elif rate != rate.quantize(decimal.Decimal(1).scaleb(
                -pricing.RATE_PLACES), rounding=decimal.ROUND_DOWN):
            message = _("%(field)s: the price of %(resource)s has more than "
                        "%(places)d decimals (got %(value)s).")
        else:
            result[resource] = rate
            continue
        raise exceptions.Invalid(message % words, error_code='price.invalid',
                                 field=field, resource=resource)
    return result


def moment(value, field, now, not_before=True):
    """An aware ISO 8601 date-time (``now`` when None), not in the past."""
    if value is None:
        return now
    try:
        when = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        when = None
    if when is None or when.tzinfo is None:
        raise exceptions.Invalid(
            _("%(field)s must be a date and time with its time zone, like "
              "2027-01-01T00:00:00+00:00 (got %(value)r).")
            % {'field': field, 'value': value},
            error_code='field.not_moment', field=field)
    when = utc.normalize(when)
    if not_before and when < now:
        raise exceptions.Invalid(
            _("%(field)s %(value)s is in the past: prices already charged "
              "cannot change.") % {'field': field, 'value': value},
            error_code='field.in_past', field=field)
    return when
