"""The edu rating module against CloudKitty's hashmap, same points, same run.

Usage: tools/bench/rating [N]   (N points, default 1,000,000)

Both modules run in this process on one temporary SQLite database, each
with rates it really uses: edu a plan version per school (the collector
names the version in every point), hashmap a flat mapping per resource
(service) and a rate mapping per school (field). The frame is the same
for both; only process() is timed, as CloudKitty's worker calls it.
Prints points per second of each, and last ``edu/hashmap: <ratio>x``.
"""

import datetime
import decimal
import sys
import time

import benchdb

D = decimal.Decimal
RESOURCES = {'vcpu': D('0.02'), 'ram_mb': D('0.005'), 'disk_gb': D('0.0001'),
             'instances': D('0.001')}
SCHOOLS = 50
START = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)


def setup_hashmap():
    from cloudkitty.rating import hash as hashmap_module
    from cloudkitty.rating.hash.db import api as hash_api
    api = hash_api.get_instance()
    past = datetime.datetime(2000, 1, 1)
    for resource, price in RESOURCES.items():
        service = api.create_service(resource)
        api.create_mapping(price, map_type='flat',
                           service_id=service.service_id, start=past,
                           created_by='bench')
        field = api.create_field(service.service_id, 'school')
        for school in range(SCHOOLS):
            api.create_mapping(D(1) - D(school) / 100, map_type='rate',
                               value='school-%d' % school,
                               field_id=field.field_id, start=past,
                               created_by='bench')
    module = hashmap_module.HashMap(tenant_id='bench')
    module.reload_config(START)
    return module


def setup_edu():
    from edu_rating.db import api as db_api
    from edu_rating.rating import processor
    db = db_api.get_instance()
    versions = []
    for school in range(SCHOOLS):
        plan = db.create_plan(db_api.PLATFORM, 'plan-%d' % school, 'EUR',
                              'bench')
        rates = {r: p * (D(1) - D(school) / 100)
                 for r, p in RESOURCES.items()}
        versions.append(db.put_plan_version(plan.id, START, rates, 'bench',
                                            now=START).id)
    module = processor.EduProcessor(tenant_id='bench')
    module.reload_config(START)
    return module, versions


def frame(n, versions):
    from cloudkitty import dataframe
    names = list(RESOURCES)
    usage = {name: [] for name in names}
    for i in range(n):
        resource = names[i % len(names)]
        school = i % SCHOOLS
        usage[resource].append(dataframe.DataPoint(
            'unit-hour', D('2.5'), 0,
            {'project_id': 'dom-%d' % school, 'school': 'school-%d' % school,
             'resource': resource, 'allocation_id': str(i),
             'plan_version': str(versions[school])},
            {'amount': '1'}))
    return dataframe.DataFrame(start=START,
                               end=START + datetime.timedelta(minutes=5),
                               usage=usage)


def timed(module, data):
    started = time.perf_counter()
    result = module.process(data)
    seconds = time.perf_counter() - started
    return seconds, result


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    with benchdb.temporary('edu-bench-rating-') as engine:
        from cloudkitty.rating.hash.db.sqlalchemy import models as hm_models
        from edu_rating.db.sqlalchemy import models as edu_models
        for models in (hm_models, edu_models):
            models.Base.metadata.create_all(engine)
        hashmap = setup_hashmap()
        edu, versions = setup_edu()
        data = frame(n, versions)
        # Warm both (edu reads each version's rates once, as in service).
        edu.process(frame(SCHOOLS * len(RESOURCES), versions))
        hash_s, hash_out = timed(hashmap, data)
        edu_s, edu_out = timed(edu, data)
        first = next(p for _, p in edu_out.iterpoints())
        print('points: %d (%d resources x %d schools)'
              % (n, len(RESOURCES), SCHOOLS))
        print('hashmap: %.2f s, %.0f points/s' % (hash_s, n / hash_s))
        print('edu:     %.2f s, %.0f points/s' % (edu_s, n / edu_s))
        print('edu sample: %s %s qty %s -> price %s'
              % (first.groupby['resource'], first.groupby['school'],
                 first.qty, first.price))
        print('edu/hashmap: %.2fx' % (hash_s / edu_s))


if __name__ == '__main__':
    main()
