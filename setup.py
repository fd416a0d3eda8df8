"Package metadata comes from settings.ini, the project's single source of truth (the nbdev 2 layout)."
from configparser import ConfigParser
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

for key in 'lib_name user version description keywords author author_email license min_python'.split():
    assert key in cfg, f'settings.ini is missing `{key}`'

licenses = dict(apache2=('Apache Software License 2.0', 'OSI Approved :: Apache Software License'),
                mit=('MIT License', 'OSI Approved :: MIT License'))
lic = licenses.get(cfg['license'].lower(), (cfg['license'], None))
statuses = '1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive'
py_versions = '3.9 3.10 3.11 3.12 3.13'.split()
min_python = cfg['min_python']

requirements = cfg.get('requirements', '').split()
lesson_requirements = cfg.get('lesson_requirements', '').split()
dev_requirements = lesson_requirements + cfg.get('dev_requirements', '').split()

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    license=lic[0],
    author=cfg['author'],
    author_email=cfg['author_email'],
    keywords=cfg['keywords'],
    url=cfg['git_url'],
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title()]
                + ([f'License :: {lic[1]}'] if lic[1] else [])
                + [f'Programming Language :: Python :: {v}' for v in py_versions[py_versions.index(min_python):]],
    packages=setuptools.find_packages(include=[cfg['lib_name'], cfg['lib_name'] + '.*']) + [cfg['lib_name'] + '.runs'],
    include_package_data=True,
    package_data={cfg['lib_name'] + '.runs': ['*.json']},   # the recorded benchmark runs the lessons show
    install_requires=requirements,
    extras_require={'lessons': lesson_requirements, 'dev': dev_requirements},
    python_requires='>=' + min_python,
    zip_safe=False,
    entry_points={'nbdev': [f"{cfg['lib_name']}={cfg['lib_name']}._modidx:d"]},
)
