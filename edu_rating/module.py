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
"""The ``edu`` module as CloudKitty loads it (a rating processor).

CloudKitty wants one class holding both the rating processor and the
module's config controller. Joining them here keeps the arrows one way:
the management side may use the rating side, never the reverse.
"""

from edu_rating.management.controllers import root
from edu_rating.rating import processor


class Edu(processor.EduProcessor):
    __doc__ = processor.EduProcessor.__doc__
    config_controller = root.EduRootController
