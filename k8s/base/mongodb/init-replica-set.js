// Initiates replica set rs0 with members mongodb-0..N-1 (N = MONGODB_MEMBERS), unless it exists.
const members = parseInt(process.env.MONGODB_MEMBERS || '1', 10);
try {
  rs.status();
  print('rs0 already initiated');
} catch (e) {
  const config = {_id: 'rs0', members: []};
  for (let i = 0; i < members; i++) {
    config.members.push({_id: i, host: `mongodb-${i}.mongodb:27017`});
  }
  rs.initiate(config);
  print(`rs0 initiated with ${members} members`);
}
