// Initiates replica set rs0 with members mongodb-0..N-1 (N = MONGODB_MEMBERS), unless it exists, then
// makes (or updates) one user per service named in MONGODB_SERVICE_USERS: readWrite on the database of
// its name and nothing else, password from /users/<service>. Safe to run again: a changed password in
// the Secret is applied by running the Job again (kubectl delete job mongodb-init-replica-set; apply).
const fs = require('fs');
const members = parseInt(process.env.MONGODB_MEMBERS || '1', 10);
try {
  rs.status();
  print('rs0 already initiated');
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  const config = {_id: 'rs0', members: []};
  for (let i = 0; i < members; i++) {
    config.members.push({_id: i, host: `mongodb-${i}.mongodb:27017`});
  }
  rs.initiate(config);
  print(`rs0 initiated with ${members} members`);
}

// Users are written on the primary: wait until this member is (or knows) one.
for (let i = 0; !db.hello().isWritablePrimary; i++) {
  if (i >= 60) {
    throw new Error('no primary after 60 s');
  }
  sleep(1000);
}

const admin = db.getSiblingDB('admin');
for (const service of (process.env.MONGODB_SERVICE_USERS || '').split(',').map(s => s.trim()).filter(s => s)) {
  const password = fs.readFileSync(`/users/${service}`, 'utf8').trim();
  if (!/^[A-Za-z0-9]{24,}$/.test(password)) {
    throw new Error(`the password of ${service} must be 24 or more letters and digits (it is put into a URI)`);
  }
  const roles = [{role: 'readWrite', db: service}];
  if (admin.getUser(service)) {
    admin.updateUser(service, {pwd: password, roles});
    print(`user ${service} updated`);
  } else {
    admin.createUser({user: service, pwd: password, roles});
    print(`user ${service} created`);
  }
}
