// en: every part of the app's messages, merged into one flat catalogue.
import common from './common.json';
import app from './app.json';
import auth from './auth.json';
import calls from './calls.json';
import picker from './picker.json';
import audiences from './audiences.json';
import runs from './runs.json';
import planned from './planned.json';
import settings from './settings.json';
import shell from './shell.json';
import updates from './updates.json';
import about from './about.json';
import errors from './errors.json';
import main from './main.json';

export default { ...common, ...app, ...auth, ...calls, ...picker, ...audiences, ...runs, ...planned, ...settings, ...shell, ...updates, ...about, ...errors, ...main };
