# A settings snippet for Horizon's local_settings.d, executed inside
# openstack_dashboard.settings (so MIDDLEWARE is Horizon's own list).
import os as _edu_os

import edu_dashboard as _edu_dashboard

# Horizon's JavaScript catalogue follows the user's language.
MIDDLEWARE = tuple(MIDDLEWARE) + (  # noqa: F821
    'edu_dashboard.middleware.catalogue_follows_language',)
# Chinese for cloudkitty-dashboard, which ships none.
LOCALE_PATHS = list(globals().get('LOCALE_PATHS', ())) + [_edu_os.path.join(
    _edu_os.path.dirname(_edu_dashboard.__file__), 'cloudkitty_locale')]
