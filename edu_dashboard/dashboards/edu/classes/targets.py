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
"""Whose classes a page shows, and the policy targets of classes."""

from edu_dashboard import personas


def scope(request):
    """``{"teacher_id": ...}`` in a teacher's project, else the school's."""
    teacher_id = personas.teacher_project(request)
    if teacher_id:
        return {'teacher_id': teacher_id}
    return {'school_id': personas.school(request).id}


def list_target(request):
    """The target of listing (and creating) classes where the user is."""
    return {'domain_id': personas.school(request).id,
            'teacher_project_id': personas.teacher_project(request)}


def of_class(klass):
    """The target of a class, as the API resolves it."""
    return {'domain_id': klass['school_id'],
            'teacher_project_id': klass['teacher_id']}


def of_student(student):
    return {'domain_id': student['school_id'],
            'teacher_project_id': student['teacher_id'],
            'project_id': student['id']}
