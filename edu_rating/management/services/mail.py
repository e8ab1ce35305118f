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
"""E-mail to teachers and students, when the platform configures SMTP.

Optional: with ``[edu_labs] smtp_host`` unset nothing is sent and the
dashboard's banners are the only warning.
"""

from email.message import EmailMessage
import smtplib

from oslo_log import log as logging

from edu_rating import conf as edu_conf
from edu_rating import exceptions
from edu_rating.i18n import _

LOG = logging.getLogger(__name__)
TIMEOUT = 15


def configured():
    return bool(edu_conf.register_opts().edu_labs.smtp_host)


def send(recipients, subject, body):
    """One message to ``recipients`` (each gets it; none sees the others).

    :raises exceptions.BackendUnavailable: the server refused or was
        unreachable; nothing is marked sent then.
    """
    options = edu_conf.register_opts().edu_labs
    message = EmailMessage()
    message['Subject'] = subject
    message['From'] = options.mail_from
    message['To'] = options.mail_from
    message.set_content(body)
    try:
        with smtplib.SMTP(options.smtp_host, options.smtp_port,
                          timeout=TIMEOUT) as smtp:
            if options.smtp_starttls:
                smtp.starttls()
            if options.smtp_user:
                smtp.login(options.smtp_user, options.smtp_password or '')
            # Blind copies: the envelope names them, the headers do not.
            smtp.send_message(message, to_addrs=list(recipients))
    except (OSError, smtplib.SMTPException) as error:
        LOG.warning("edu: could not send %(subject)r: %(error)s",
                    {'subject': subject, 'error': error})
        raise exceptions.BackendUnavailable(
            _("The mail server could not send the message (%s).") % error,
            error_code='mail.unavailable')
