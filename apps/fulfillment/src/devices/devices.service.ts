import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { DeviceClients, DeviceEnrollmentOffError } from '@harvest/platform/device-clients';
import { NotFoundError } from '@harvest/platform/errors';
import { requestHash } from '@harvest/platform/idempotency';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { Facility } from '../facilities/entities/facility.entity';
import { IdempotencyKeyReusedError, retryOf, type DeviceStatus } from './domain/device-rules';
import type { EnrollDeviceDto } from './dto/enroll-device.dto';
import { ScannerDevice } from './entities/scanner-device.entity';

export interface DeviceView {
  id: string;
  fulfillmentCenterId: string;
  label: string;
  status: DeviceStatus;
  clientId: string | null;
  enrolledBy: string;
  enrolledAt: string;
  disabledAt: string | null;
  disabledBy: string | null;
}

/** An enrollment's answer: the device and, this once, the secret of its client. */
export interface EnrolledDevice {
  device: DeviceView;
  clientId: string;
  clientSecret: string;
  /** False when this answers a retry (same caller and Idempotency-Key): the secret is a new one. */
  created: boolean;
}

export interface EnrollRequest {
  fulfillmentCenterId: string;
  body: EnrollDeviceDto;
  idempotencyKey: string;
  enrolledBy: string;
}

function viewOf(device: ScannerDevice): DeviceView {
  return {
    id: device.id,
    fulfillmentCenterId: device.fulfillmentCenterId,
    label: device.label,
    status: device.status,
    clientId: device.clientId,
    enrolledBy: device.enrolledBy,
    enrolledAt: device.enrolledAt.toISOString(),
    disabledAt: device.disabledAt?.toISOString() ?? null,
    disabledBy: device.disabledBy,
  };
}

/**
 * Scanner handhelds of a center: enrollment makes the device's own OAuth client at the issuer (DeviceClients)
 * and hands its secret out once; disabling switches the client off there. The issuer is called outside any
 * transaction: the row is written first ('enrolling', unique per caller and Idempotency-Key) so that a retry
 * finds it, and completed once the client exists.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly db: Database,
    private readonly clients: DeviceClients,
  ) {}

  async enroll(request: EnrollRequest): Promise<EnrolledDevice> {
    if (!this.clients.configured) throw new DeviceEnrollmentOffError();
    const hash = requestHash(request.fulfillmentCenterId, { label: request.body.label });
    const { device, action, created } = await this.record(request, hash);
    if (action === 'renew') {
      const renewed = await this.clients.renewSecret({
        clientId: device.clientId!,
        ...(device.managementHandle ? { managementHandle: device.managementHandle } : {}),
      });
      if (renewed.managementHandle && renewed.managementHandle !== device.managementHandle)
        await this.db.transaction((em) =>
          em
            .getRepository(ScannerDevice)
            .update(
              { id: device.id },
              { managementHandle: renewed.managementHandle!, updatedAt: new Date() },
            ),
        );
      return {
        device: viewOf(device),
        clientId: renewed.clientId,
        clientSecret: renewed.clientSecret,
        created: false,
      };
    }
    const issued = await this.clients.register({
      deviceId: device.id,
      fulfillmentCenterId: device.fulfillmentCenterId,
      label: device.label,
    });
    const enabled = await this.db.transaction(async (em) => {
      await em.getRepository(ScannerDevice).update(
        { id: device.id },
        {
          status: 'enabled',
          clientId: issued.clientId,
          managementHandle: issued.managementHandle ?? null,
          updatedAt: new Date(),
        },
      );
      return em.getRepository(ScannerDevice).findOneByOrFail({ id: device.id });
    });
    return {
      device: viewOf(enabled),
      clientId: issued.clientId,
      clientSecret: issued.clientSecret,
      created,
    };
  }

  async list(fulfillmentCenterId: string): Promise<DeviceView[]> {
    return this.db.read(async (em) => {
      await this.requireCenter(em.getRepository(Facility), fulfillmentCenterId);
      const devices = await em
        .getRepository(ScannerDevice)
        .find({ where: { fulfillmentCenterId }, order: { enrolledAt: 'ASC', id: 'ASC' } });
      return devices.map(viewOf);
    });
  }

  /**
   * Switches the device's client off at the issuer, then records it. Disabling a disabled device answers
   * the device as it is. A device still enrolling (no client yet) is recorded disabled, and its enrollment
   * retry is refused from then on.
   */
  async disable(fulfillmentCenterId: string, deviceId: string, disabledBy: string): Promise<DeviceView> {
    const device = await this.db.read((em) =>
      em
        .getRepository(ScannerDevice)
        .createQueryBuilder('d')
        .addSelect('d.managementHandle')
        .where('d.id = :deviceId AND d.fulfillmentCenterId = :fulfillmentCenterId', {
          deviceId,
          fulfillmentCenterId,
        })
        .getOne(),
    );
    if (!device) throw new NotFoundError(`Device ${deviceId} of fulfillment center ${fulfillmentCenterId}`);
    if (device.status === 'disabled') return viewOf(device);
    if (device.clientId)
      await this.clients.disable({
        clientId: device.clientId,
        ...(device.managementHandle ? { managementHandle: device.managementHandle } : {}),
      });
    return this.db.transaction(async (em) => {
      const now = new Date();
      await em
        .getRepository(ScannerDevice)
        .update(
          { id: deviceId, status: device.status },
          { status: 'disabled', disabledAt: now, disabledBy, updatedAt: now },
        );
      return viewOf(await em.getRepository(ScannerDevice).findOneByOrFail({ id: deviceId }));
    });
  }

  /**
   * The device row of this enrollment, inserted now (created), or the one an earlier attempt with the key
   * left, and what to do at the issuer. Taking over a stalled attempt touches updated_at under the row lock,
   * so of two retries only one takes it over.
   */
  private async record(
    request: EnrollRequest,
    hash: string,
  ): Promise<{ device: ScannerDevice; action: 'register' | 'renew'; created: boolean }> {
    const now = new Date();
    try {
      return await this.db.transaction(async (em) => {
        await this.requireCenter(em.getRepository(Facility), request.fulfillmentCenterId);
        const device = em.getRepository(ScannerDevice).create({
          id: randomUUID(),
          fulfillmentCenterId: request.fulfillmentCenterId,
          label: request.body.label,
          status: 'enrolling',
          clientId: null,
          managementHandle: null,
          enrolledBy: request.enrolledBy,
          idempotencyKey: request.idempotencyKey,
          requestHash: hash,
          enrolledAt: now,
          updatedAt: now,
          disabledAt: null,
          disabledBy: null,
        });
        await em.getRepository(ScannerDevice).insert(device);
        return { device, action: 'register' as const, created: true };
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    return this.db.transaction(async (em) => {
      const device = await em
        .getRepository(ScannerDevice)
        .createQueryBuilder('d')
        .addSelect('d.managementHandle')
        .setLock('pessimistic_write')
        .where('d.enrolledBy = :enrolledBy AND d.idempotencyKey = :key', {
          enrolledBy: request.enrolledBy,
          key: request.idempotencyKey,
        })
        .getOneOrFail();
      if (device.requestHash !== hash) throw new IdempotencyKeyReusedError();
      const action = retryOf(device, now);
      if (action === 'register')
        await em.getRepository(ScannerDevice).update({ id: device.id }, { updatedAt: new Date() });
      return { device, action, created: false };
    });
  }

  private async requireCenter(facilities: Repository<Facility>, id: string): Promise<void> {
    if (!(await facilities.existsBy({ id }))) throw new NotFoundError(`Fulfillment center ${id}`);
  }
}
