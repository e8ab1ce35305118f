"""Write tempest.conf for the local stack (see tools/peer-tests)."""

import configparser
import os
import sys

import openstack

from tests.functional import conftest


def settings():
    secrets = conftest._secrets()
    os.environ['OS_CLIENT_CONFIG_FILE'] = str(conftest.STACK / 'clouds.yaml')
    cloud = openstack.connect(cloud='edu-admin')
    image = cloud.image.find_image('lab-image', ignore_missing=False)
    tiny, small = (cloud.compute.find_flavor(name, ignore_missing=False)
                   for name in ('m1.tiny', 'm1.small'))
    admin = {'admin_username': 'admin',
             'admin_password': secrets['ADMIN_PASSWORD'],
             'admin_project_name': 'admin', 'admin_domain_name': 'Default',
             'admin_user_domain_name': 'Default',
             'admin_project_domain_name': 'Default'}
    return {
        'DEFAULT': {'log_file': 'tempest.log'},
        'oslo_concurrency': {'lock_path': str(conftest.STACK / 'peer-tests'
                                              / 'tempest_lock')},
        'auth': dict(admin, use_dynamic_credentials='true',
                     create_isolated_networks='false', admin_system='all',
                     tempest_roles='member'),
        'identity': {'uri_v3': conftest.KEYSTONE_URL, 'auth_version': 'v3',
                     'region': 'RegionOne', 'v3_endpoint_type': 'public',
                     'admin_domain_scope': 'true'},
        'identity-feature-enabled': {'api_v2': 'false',
                                     'security_compliance': 'false'},
        # Keystone 30, Nova 34 and Placement 16 enforce scopes by default.
        'enforce_scope': {'keystone': 'true', 'nova': 'true',
                          'placement': 'true'},
        'compute': {'image_ref': image.id, 'image_ref_alt': image.id,
                    'flavor_ref': tiny.id, 'flavor_ref_alt': small.id,
                    'region': 'RegionOne', 'min_microversion': '2.1',
                    'max_microversion': 'latest', 'build_timeout': '120'},
        'compute-feature-enabled': {'unified_limits': 'true',
                                    'resize': 'true',
                                    'console_output': 'true'},
        'image': {'region': 'RegionOne'},
        'network': {'region': 'RegionOne'},
        'validation': {'run_validation': 'false'},
        'service_available': {'nova': 'true', 'glance': 'true',
                              'neutron': 'true', 'cinder': 'false',
                              'swift': 'false', 'cloudkitty': 'true'},
    }


def main(path):
    conf = configparser.ConfigParser(interpolation=None)
    conf.read_dict(settings())
    with open(path, 'w') as out:
        conf.write(out)


if __name__ == '__main__':
    main(sys.argv[1])
