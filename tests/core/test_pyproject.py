"""The package metadata uses PEP 639's license fields, so set-up prints no deprecation banner.

setuptools 77 and later warn, at every ``pip install -e .``, that ``project.license`` as a table
is deprecated; an SPDX string plus ``license-files`` (and a backend that knows them) is quiet.
"""

import re
import tomllib

from tests.servers import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / 'pyproject.toml').read_text(encoding='utf-8'))


def test_license_is_an_spdx_string_with_its_file():
    project = _pyproject()['project']
    assert project['license'] == 'AGPL-3.0-or-later'
    assert project['license-files'] == ['LICENSE']
    text = (ROOT / 'LICENSE').read_text(encoding='utf-8')
    assert 'SPDX-License-Identifier: AGPL-3.0-or-later' in text
    assert not any(c.startswith('License ::') for c in project.get('classifiers', []))


def test_build_backend_knows_the_license_fields():
    requires = _pyproject()['build-system']['requires']
    (setuptools,) = [r for r in requires if r.startswith('setuptools')]
    minimum = re.fullmatch(r'setuptools>=(\d+)(?:\.\d+)*', setuptools)
    assert minimum, setuptools
    assert int(minimum.group(1)) >= 77
