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
"""The Education API as an OpenAPI 3.1 document, generated from the code.

Nothing is written twice: the routes are what the pecan controllers
serve; each handler's :class:`~edu_rating.management.controllers.base.
Route` gives its status and the JSON schemas its body and query string
are validated with; the policy in code gives each route's documented
path, its rule and what it does. ``python -m edu_rating.management.openapi``
prints the document; the package ships it as ``openapi.json``.
"""

import json
import pathlib
import re
import sys

from pecan import rest
from pecan import util as pecan_util

from edu_rating import policies
from edu_rating.policies import allocation as allocation_policy
from edu_rating.policies import base as policy_base

SHIPPED = pathlib.Path(__file__).with_name('openapi.json')
# The contract's version (not the package's, which moves every commit).
API_VERSION = '1.0'
HANDLER_METHODS = {'get_all': 'GET', 'get_one': 'GET', 'post': 'POST',
                   'patch': 'PATCH', 'put': 'PUT', 'delete': 'DELETE'}
ERROR_STATUSES = {
    '400': 'The request is malformed (its message names the field).',
    '401': 'No valid Keystone token.',
    '403': 'The policy rule refuses the caller, or the change is not '
           'theirs to make.',
    '404': 'No such object.',
    '405': 'The route takes no such method (or needs an id).',
    '409': 'The change conflicts with the ledger (its message has the '
           'numbers).',
    '415': 'A body neither JSON nor (for a roster) CSV.',
    '503': 'Keystone, Nova or the database is unreachable; nothing was '
           'changed.',
}
ERROR = {
    'type': 'object',
    'required': ['error'],
    'properties': {'error': {
        'type': 'object',
        'required': ['code', 'title', 'error_code', 'message', 'details'],
        'properties': {
            'code': {'type': 'integer'},
            'title': {'type': 'string'},
            'error_code': {'type': 'string'},
            'message': {'type': 'string'},
            'details': {'type': 'object'},
        }}},
}


def _controllers(parent, prefix=()):
    for name in sorted(dir(parent)):
        controller = getattr(parent, name)
        if isinstance(controller, rest.RestController):
            names = prefix + (name,)
            yield names, controller
            yield from _controllers(controller, names)


def served(root=None):
    """``(method, template, handler)`` of every route; ids are ``{}``.

    A nested resource follows its parent's id (``/plans/{}/versions``).
    """
    if root is None:
        from edu_rating.management.controllers import root as root_mod
        root = root_mod.EduRootController
    found = []
    for names, controller in _controllers(root):
        handlers = {h: m for h, m in HANDLER_METHODS.items()
                    if hasattr(controller, h)}
        for action, methods in controller._custom_actions.items():
            for method in methods:
                handlers.setdefault(action, method)
        for name, method in handlers.items():
            handler = getattr(controller, name)
            parents = len(names) - 1
            count = len(pecan_util.getargspec(handler).args) - 1 - parents
            parts = []
            for part in names[:-1]:
                parts += [part, '{}']
            suffix = '' if name in HANDLER_METHODS else '/' + name
            template = '/' + '/'.join(parts + [names[-1]] + ['{}'] * count)
            found.append((method, template + suffix, handler))
    for name, methods in root._custom_actions.items():
        found += [(method, '/' + name, getattr(root, name))
                  for method in methods]
    found += [('GET', '/', root.get_all)]
    return found


def documented():
    """``[(method, path, rule)]``: each operation a policy rule documents.

    Paths are relative to the module's root; a rule may document a literal
    where the route takes any value (``/allocations/teacher/{teacher_id}``
    of ``/allocations/{}/{}``), so that each scope has its own rule.
    """
    return [(operation['method'],
             operation['path'][len(policy_base.ROOT_PATH):] or '/', rule)
            for rule in policies.list_rules()
            for operation in getattr(rule, 'operations', [])]


def _literals(path):
    return len([part for part in path.split('/') if part and '{' not in part])


def serves(template, path):
    """Whether the served ``{}`` template takes the documented path."""
    if template == '/' or path == '/':
        return template == path
    wanted, given = template.split('/'), path.split('/')
    return len(wanted) == len(given) and all(
        part == '{}' or part == other for part, other in zip(wanted, given))


def _parameters(path, route):
    parameters = [{'name': name, 'in': 'path', 'required': True,
                   'schema': {'type': 'string', 'minLength': 1}}
                  for name in re.findall(r'\{(\w+)\}', path)]
    if route.query is not None:
        schema = route.query()
        required = set(schema.get('required', ()))
        for name, prop in sorted(schema['properties'].items()):
            parameters.append({'name': name, 'in': 'query',
                               'required': name in required,
                               'schema': prop})
    return parameters


def _responses(route):
    if route.status == 204:
        success = {'description': 'Done; no content.'}
    elif route.content_type == 'application/json':
        success = {'description': 'Done.', 'content': {
            'application/json': {'schema': {'type': 'object'}}}}
    else:
        success = {'description': 'The file.', 'content': {
            route.content_type: {'schema': {'type': 'string'}}}}
    responses = {str(route.status): success}
    for status, description in ERROR_STATUSES.items():
        responses[status] = {'description': description}
        if status != '401':
            # keystonemiddleware's 401 is not ours.
            responses[status]['content'] = {'application/json': {
                'schema': {'$ref': '#/components/schemas/Error'}}}
    return responses


def _operation(method, path, rule, route, modifiers):
    operation = {
        'operationId': '%s %s' % (method, path),
        'summary': rule.description,
        'x-policy-rule': rule.name,
        'x-policy-modifiers': modifiers,
        'parameters': _parameters(path, route),
        'responses': _responses(route),
    }
    if route.body is not None:
        content = {'application/json': {'schema': route.body()}}
        for media_type in route.body_types:
            content[media_type] = {'schema': {'type': 'string'}}
        operation['requestBody'] = {'required': True, 'content': content}
    return operation


def document(root=None):
    """The OpenAPI 3.1 document of every route the controllers serve."""
    operations = documented()
    modifiers = set(allocation_policy.VERDICT_RULES)
    paths = {}
    for method, template, handler in served(root):
        found = [(path, rule) for documented_method, path, rule in operations
                 if documented_method == method and serves(template, path)]
        if not found:
            # Left out, which the route-coverage test does not forgive.
            continue
        # Where rules name the scopes (/allocations/teacher/{id}), the
        # generic path (documented by rules that only modify the action,
        # such as edu:allocation:force) is not an operation of its own.
        most = max(_literals(path) for path, _rule in found)
        by_path = {}
        for path, rule in found:
            if _literals(path) == most:
                by_path.setdefault(path, []).append(rule)
        modifying = sorted({rule.name for _path, rule in found
                            if rule.name in modifiers})
        for path, rules in by_path.items():
            own = [rule for rule in rules if rule.name not in modifiers]
            paths.setdefault(path, {})[method.lower()] = _operation(
                method, path, (own or rules)[0], handler.edu_route,
                modifying)
    return {
        'openapi': '3.1.0',
        'info': {'title': 'Edu Cloud Education API',
                 'version': API_VERSION,
                 'description': 'Schools, teachers, classes, students, '
                                'grants, price plans and invoices of the '
                                'teaching cloud, served by cloudkitty-api. '
                                'See doc/source/education-api.rst.'},
        'servers': [{'url': policy_base.ROOT_PATH}],
        'security': [{'keystone': []}],
        'paths': dict(sorted(paths.items())),
        'components': {
            'schemas': {'Error': ERROR},
            'securitySchemes': {'keystone': {
                'type': 'apiKey', 'in': 'header', 'name': 'X-Auth-Token',
                'description': 'A Keystone token, scoped as the persona '
                               'works: system (platform admin), the '
                               'school\'s domain (school admin), a '
                               'teacher\'s or a student\'s project.'}}},
    }


def text(root=None):
    return json.dumps(document(root), indent=1, sort_keys=False,
                      ensure_ascii=False) + '\n'


def _names(schema):
    properties = schema.get('properties', {})
    required = set(schema.get('required', ()))
    return ', '.join('``%s``%s' % (name, '' if name in required else '?')
                     for name in properties) or '-'


def rst(spec):
    """The document as reStructuredText, for doc/source/api-reference.rst."""
    title = 'Education API reference'
    lines = ['..', '   Generated by python -m edu_rating.management.openapi '
             '--rst; do not edit.', '', '=' * len(title), title,
             '=' * len(title), '',
             'Every route, its policy rule and what it takes, from the '
             'OpenAPI 3.1 document the package ships '
             '(``edu_rating/management/openapi.json``), under ``%s``. '
             'Fields marked ``?`` are optional.'
             % spec['servers'][0]['url'], '']
    for path, item in spec['paths'].items():
        for method, operation in item.items():
            heading = '%s %s' % (method.upper(), path)
            lines += [heading, '-' * len(heading), '',
                      operation['summary'], '',
                      '- Rule: ``%s``' % operation['x-policy-rule']]
            if operation['x-policy-modifiers']:
                lines.append('- Also checks: %s' % ', '.join(
                    '``%s``' % name
                    for name in operation['x-policy-modifiers']))
            query = [p for p in operation['parameters']
                     if p['in'] == 'query']
            if query:
                lines.append('- Query: %s' % ', '.join(
                    '``%s``%s' % (p['name'], '' if p['required'] else '?')
                    for p in query))
            body = operation.get('requestBody')
            if body:
                content = body['content']
                lines.append('- Body (%s): %s' % (
                    ', '.join(content),
                    _names(content['application/json']['schema'])))
            answers = [status for status in operation['responses']
                       if status < '400']
            lines += ['- Answers: %s' % ', '.join(answers), '']
    return '\n'.join(lines)


if __name__ == '__main__':
    if sys.argv[1:] == ['--rst']:
        sys.stdout.write(rst(document()))
    else:
        sys.stdout.write(text())
