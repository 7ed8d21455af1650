import { queueProgrammeOptions } from '../../../miniprogram/src/lib/queue-programmes';
import { listProgrammes, programmeIds } from '../../../shared/programmes';
import { fixtureProgrammes } from '../../fixtures/programmes';

/**
 * The staff queue's programme filter reads the registry (issue 16 item 5), not the five built-in ids:
 * a programme installed at run time (here the sixth, registered by test/fixtures/programmes) is a choice,
 * and one the app has not been served yet still is, under the title its rows carry.
 */
describe('the queue’s programme filter', () => {
  const sixth = fixtureProgrammes[0]!;

  it('offers every registered programme, the built-in ones first, with its city', () => {
    const options = queueProgrammeOptions(listProgrammes(), []);
    expect(options.map((o) => o.id)).toEqual([...programmeIds, ...fixtureProgrammes.map((p) => p.id)]);
    expect(options.find((o) => o.id === sixth.id)).toEqual({ id: sixth.id, label: `益阳市·${sixth.title}`, title: sixth.title });
  });

  it('adds a programme a row names that the registry does not know yet (an install not served to the app), once', () => {
    const rows = [
      { programmeId: 'runtime-sample', programmeTitle: '运行时安装的项目' },
      { programmeId: 'runtime-sample', programmeTitle: '运行时安装的项目' },
      { programmeId: 'yiyang-station-2023', programmeTitle: '（行上的标题不取代已知的）' },
    ];
    const options = queueProgrammeOptions(listProgrammes(), rows);
    expect(options.filter((o) => o.id === 'runtime-sample')).toEqual([
      { id: 'runtime-sample', label: '运行时安装的项目', title: '运行时安装的项目' },
    ]);
    expect(options.find((o) => o.id === 'yiyang-station-2023')?.label).not.toContain('行上的标题');
  });
});
