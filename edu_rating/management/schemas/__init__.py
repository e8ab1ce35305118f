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
"""JSON schemas of the Education API and the one place that checks them.

A schema error becomes
:class:`~edu_rating.exceptions.Invalid` (400) whose
message names the field in plain words, e.g. ``grant.vcpu must be a whole
number of at least 0 (got -1)``: the API's callers are school secretaries
and teachers, not JSON Schema readers.
"""

import json
import re

import jsonschema
from jsonschema import exceptions as js_exceptions

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.i18n import _N


def _is_whole_number(checker, instance):
    # JSON Schema counts 1.0 (and Python's True) as an integer; an amount
    # of vCPU or an id must be written as a whole number.
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        'integer', _is_whole_number))

_KINDS = {
    'integer': _N('a whole number'),
    'number': _N('a number'),
    'string': _N('text'),
    'boolean': _N('true or false'),
    'object': _N('an object'),
    'array': _N('a list'),
    'null': _N('null'),
}

_FORMATS = {
    'date': _N('a date written YYYY-MM-DD'),
    'email': _N('an email address'),
}

# What a schema's unknown properties are (its x-item).
_NOUNS = {'field': _N('field'), 'parameter': _N('parameter')}
_DEFAULT_NOUN = 'field'

_MAX_SHOWN = 40


def validate(schema, instance, where=None):
    """Check instance against schema; return it unchanged.

    :param where: how to call the whole document in messages
        (default "the request body").
    :raises exceptions.Invalid: with the most relevant error only.
    """
    validator = _Validator(schema, format_checker=_Validator.FORMAT_CHECKER)
    error = js_exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        field = _field(error.absolute_path, where)
        raise exceptions.Invalid(_describe(error, field),
                                 error_code='schema.%s' % error.validator,
                                 field=field)
    return instance


_TRUE = ('true', '1', 'yes', 'on')
_FALSE = ('false', '0', 'no', 'off')
_WHOLE_NUMBER = re.compile(r'[+-]?[0-9]+')


def parse_query(params, schema):
    """Typed values of a query string, checked against ``schema``.

    A query string is text only: whole numbers and booleans are converted
    where the schema expects them; what does not convert stays text, so
    the schema refuses it with the usual message. Missing parameters take
    the schema's ``default``, if any.
    """
    properties = schema['properties']
    values = {}
    for name, value in params.items():
        kinds = _types(properties.get(name, {}))
        if isinstance(value, str):
            if 'integer' in kinds and _WHOLE_NUMBER.fullmatch(value):
                value = int(value)
            elif 'boolean' in kinds and value.lower() in _TRUE + _FALSE:
                value = value.lower() in _TRUE
        values[name] = value
    validate(schema, values, where=_('the query string'))
    for name, prop in properties.items():
        if name not in values and 'default' in prop:
            values[name] = prop['default']
    return values


def _field(path, where=None):
    if not path:
        return where or _('the request body')
    return '.'.join(str(part) for part in path)


def _shown(value):
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > _MAX_SHOWN:
        text = text[:_MAX_SHOWN - 3] + '...'
    return text


def _types(schema):
    types = schema.get('type', [])
    return [types] if isinstance(types, str) else list(types)


def _describe(error, field):
    schema, kind, value = error.schema, error.validator, error.instance
    facts = {'field': field, 'value': _shown(value)}
    if kind == 'required':
        name = [n for n in error.validator_value if n not in value][0]
        return _('%s is required.') % (
            '%s.%s' % (field, name) if error.path else name)
    if kind == 'additionalProperties':
        known = list(schema.get('properties', {}))
        facts.update(
            noun=_(_NOUNS[schema.get('x-item', _DEFAULT_NOUN)]),
            names=', '.join(sorted(set(value) - set(known))),
            known=', '.join(known))
        return _('%(field)s: unknown %(noun)s %(names)s '
                 '(expected: %(known)s).') % facts
    if kind == 'minProperties':
        facts['known'] = ', '.join(schema.get('properties', {}))
        return _('%(field)s must name at least one of: %(known)s.') % facts
    if 'integer' in _types(schema) and kind in ('type', 'minimum',
                                                'maximum'):
        if kind == 'maximum':
            facts['kind'] = _('a whole number of at most %s') % (
                schema['maximum'])
        elif 'minimum' in schema:
            facts['kind'] = _('a whole number of at least %s') % (
                schema['minimum'])
        else:
            whole = _KINDS['integer']
            facts['kind'] = _(whole)
        return _('%(field)s must be %(kind)s (got %(value)s).') % facts
    if kind == 'type':
        facts['kind'] = _(' or ').join(_(_KINDS[t]) if t in _KINDS else t
                                       for t in _types(schema))
        return _('%(field)s must be %(kind)s (got %(value)s).') % facts
    if kind == 'minLength' and error.validator_value == 1:
        return _('%(field)s must not be empty.') % facts
    if kind == 'minLength':
        facts['bound'] = error.validator_value
        return _('%(field)s must be at least %(bound)s characters '
                 'long.') % facts
    if kind == 'maxLength':
        facts['bound'] = error.validator_value
        return _('%(field)s must be at most %(bound)s characters '
                 'long.') % facts
    if kind == 'format':
        known = _FORMATS.get(error.validator_value)
        facts['format'] = _(known) if known else error.validator_value
        return _('%(field)s must be %(format)s (got %(value)s).') % facts
    if kind == 'enum':
        facts['known'] = ', '.join(str(v) for v in error.validator_value)
        return _('%(field)s must be one of %(known)s '
                 '(got %(value)s).') % facts
    return '%s: %s' % (field, error.message)
