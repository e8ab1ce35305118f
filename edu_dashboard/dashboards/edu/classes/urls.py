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
from django.urls import re_path

from edu_dashboard.dashboards.edu.classes import lab
from edu_dashboard.dashboards.edu.classes import views

CLASS = r'^(?P<class_id>[0-9]+)/'

urlpatterns = [
    re_path(r'^$', views.IndexView.as_view(), name='index'),
    re_path(r'^create/$', views.CreateView.as_view(), name='create'),
    re_path(CLASS + r'$', views.DetailView.as_view(), name='detail'),
    re_path(CLASS + r'update/$', views.UpdateView.as_view(),
            name='update'),
    re_path(CLASS + r'enrol/$', views.EnrolView.as_view(), name='enrol'),
    re_path(CLASS + r'grant/$', views.ClassGrantView.as_view(),
            name='class_grant'),
    re_path(CLASS + r'roster/$', views.RosterView.as_view(),
            name='roster'),
    re_path(CLASS + r'roster/import/$', views.RosterImportView.as_view(),
            name='roster_import'),
    re_path(CLASS + r'students/(?P<student_id>[^/]+)/grant/$',
            views.StudentGrantView.as_view(), name='student_grant'),
    re_path(CLASS + r'students/(?P<student_id>[^/]+)/password/$',
            views.StudentPasswordView.as_view(), name='student_password'),
    re_path(CLASS + r'lab/$', lab.LabView.as_view(), name='lab'),
    re_path(CLASS + r'lab/templates/create/$',
            lab.TemplateCreateView.as_view(), name='template_create'),
    re_path(CLASS + r'lab/images/register/$',
            lab.ImageRegisterView.as_view(), name='image_register'),
    re_path(CLASS + r'jobs/(?P<job_id>[0-9]+)/$', lab.JobView.as_view(),
            name='job'),
]
