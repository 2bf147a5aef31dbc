import { checkDeviceAttributes } from './device-attributes.js';

describe('checkDeviceAttributes', () => {
  it('accepts the attributes the indicators use', () => {
    expect(
      checkDeviceAttributes({
        productionEquipment: true,
        ratedPowerKw: 55,
        commissionedYear: 2019,
        meterScope: 'site',
      }),
    ).toEqual([]);
  });

  it('names every bad or unknown attribute', () => {
    expect(
      checkDeviceAttributes({ robot: 'yes', ratedPowerKw: -1, meterscope: 'site', commissionedYear: 19.5 }),
    ).toEqual([
      { field: 'attributes.robot', message: 'robot must be true or false' },
      { field: 'attributes.ratedPowerKw', message: 'ratedPowerKw must be a positive number' },
      { field: 'attributes.meterscope', message: 'meterscope is not a known device attribute' },
      { field: 'attributes.commissionedYear', message: 'commissionedYear must be a year (1900–2100)' },
    ]);
  });
});
