module.exports = {title: 'Ops'};
