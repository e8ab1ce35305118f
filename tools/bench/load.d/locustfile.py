"""The rush hour's users (run by tools/bench/load; see there).

Each user is a teacher of the load school at work: 70 % reads, 30 %
grant changes of their own students (random amounts, so that some exceed
the teacher's grant and are refused with a 409, as in real life).
"""

import json
import os
import random

import locust

from tools.bench.load_mix import WEIGHTS

WORLD = json.load(open(os.environ['EDU_LOAD_WORLD']))
PREFIX = '/v1/rating/module_config/edu'


class Teacher(locust.FastHttpUser):
    host = WORLD['url']
    wait_time = locust.between(0.05, 0.2)

    def on_start(self):
        self.me = random.choice(WORLD['teachers'])
        self.headers = {'X-Auth-Token': self.me['token']}

    def call(self, method, path, name, json_body=None, ok=(200,)):
        with self.client.request(method, PREFIX + path, name=name,
                                 headers=self.headers, json=json_body,
                                 catch_response=True) as response:
            if response.status_code in ok:
                response.success()
            else:
                response.failure('%s' % response.status_code)

    @locust.task(WEIGHTS['GET /students?class_id'])
    def list_students(self):
        self.call('GET', '/students?class_id=%s' % self.me['class_id'],
                  'GET /students?class_id')

    @locust.task(WEIGHTS['GET /classes/{id}'])
    def show_class(self):
        self.call('GET', '/classes/%s' % self.me['class_id'],
                  'GET /classes/{id}')

    @locust.task(WEIGHTS['GET /allocations/enrolment/{id}'])
    def student_grant(self):
        student = random.choice(self.me['students'])
        self.call('GET', '/allocations/enrolment/%s' % student,
                  'GET /allocations/enrolment/{id}')

    @locust.task(WEIGHTS['PUT /allocations/enrolment/{id}'])
    def change_grant(self):
        student = random.choice(self.me['students'])
        self.call('PUT', '/allocations/enrolment/%s' % student,
                  'PUT /allocations/enrolment/{id}',
                  {'grant': {'vcpu': random.randint(0, 4)}}, ok=(200, 409))
