import { appRelativePath, isInAppPath } from '../../src/signals/isInAppPath';

describe('isInAppPath', () => {
  test.each([
    ['/app/users/views/password.py', '/app/'],
    ['/app/spa/views/appointments/appointment_viewset.py', '/app'],
    ['/app/manage.py', '/app/'],
    ['/srv/app/users/signals.py', '/srv/app'],
    ['/srv/app/users/signals.py', '/srv/app/'],
  ])('counts %s as in-app under root %s', (path, root) => {
    expect(isInAppPath(path, root)).toBe(true);
  });

  test.each([
    [
      '/app/.heroku/python/lib/python3.12/site-packages/django/db/models/base.py',
      'a dot-directory',
    ],
    ['/app/.venv/bin/gunicorn', 'a virtualenv bin/'],
    ['/app/.venv/lib/python3.12/site-packages/rest_framework/views.py', 'a virtualenv'],
    ['/app/venv/lib/python3.12/site-packages/rest_framework/views.py', 'site-packages'],
    ['/app/lib/python3.12/threading.py', 'a lib/pythonX.Y directory'],
    ['/app/vendor/dist-packages/six.py', 'dist-packages'],
    ['/app/bin/gunicorn', 'a bin/ directory'],
    [
      '/usr/local/lib/python3.12/site-packages/gunicorn/workers/sync.py',
      'outside the root',
    ],
    ['/usr/local/lib/python3.12/threading.py', 'the standard library'],
    ['<frozen importlib._bootstrap>', 'a pseudo-file'],
    ['/application/users/views.py', 'a sibling sharing the root prefix'],
    ['/app/', 'the root itself'],
  ])('does not count %s as in-app (%s)', (path) => {
    expect(isInAppPath(path, '/app/')).toBe(false);
  });

  test('does not count /app/users/views.py as in-app under the custom root /srv/app', () => {
    expect(isInAppPath('/app/users/views.py', '/srv/app')).toBe(false);
  });

  test('counts a directory merely named like a package dir (binaries/) as in-app', () => {
    expect(isInAppPath('/app/binaries/views.py', '/app/')).toBe(true);
  });
});

describe('appRelativePath', () => {
  test('strips the root with or without its trailing slash', () => {
    expect(appRelativePath('/srv/app/users/views/password.py', '/srv/app')).toBe(
      'users/views/password.py',
    );
    expect(appRelativePath('/srv/app/users/views/password.py', '/srv/app/')).toBe(
      'users/views/password.py',
    );
  });

  test('returns null for a path outside the root', () => {
    expect(appRelativePath('/usr/lib/python3.12/os.py', '/app/')).toBeNull();
  });
});
