"""The rush hour's mix: the load bench's task weights per route.

tools/bench/load's users pick their next request with these weights
(70 % reads, 30 % grant changes); tools/bench/request_cpu weighs its CPU
per route with them to tell what the machine can carry.
"""

WEIGHTS = {
    'GET /students?class_id': 3,
    'GET /classes/{id}': 2,
    'GET /allocations/enrolment/{id}': 2,
    'PUT /allocations/enrolment/{id}': 3,
}
GRANT_CHANGE = 'PUT /allocations/enrolment/{id}'
