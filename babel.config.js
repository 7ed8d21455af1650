// babel-preset-taro: the Taro build's transpiler (jest uses @swc/jest instead).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
