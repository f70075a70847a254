import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appointmentProducts, appointments, HOSTING_ORGANISATION_ID, journeys, touchpoints, type Journey, type Touchpoint } from '../db/schema';
import { findMappingTarget, mappingTargetColumns } from '../journeys/journeys';

/** A product's mapping could not be saved; `field` is the input it is about. */
export class ProductMappingError extends Error {
  constructor(
    readonly field: 'product' | 'journey' | 'touchpoint',
    message: string,
  ) {
    super(message);
  }
}

export const PRODUCT_MAX_LENGTH = 120;

export const productMessages = {
  product: 'Vul een product in, zoals het in de afspraken staat (bijvoorbeeld paspoort).',
  productTooLong: `Een product heeft maximaal ${PRODUCT_MAX_LENGTH} tekens.`,
};

export interface ProductMapping {
  product: string;
  journeySlug: string;
  journeyName: string;
  touchpointSlug: string | null;
  touchpointName: string | null;
}

/** The organisation's mappings, by product. */
export function listProductMappings(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): ProductMapping[] {
  return db
    .select({
      product: appointmentProducts.product,
      ...mappingTargetColumns,
    })
    .from(appointmentProducts)
    .innerJoin(journeys, eq(journeys.id, appointmentProducts.journeyId))
    .leftJoin(touchpoints, eq(touchpoints.id, appointmentProducts.touchpointId))
    .where(eq(appointmentProducts.organisationId, organisationId))
    .orderBy(asc(appointmentProducts.product))
    .all();
}

/** The products in the organisation's appointments, with how many appointments each has. */
export function productsSeen(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): { product: string; appointments: number }[] {
  return db
    .select({ product: appointments.product, appointments: count() })
    .from(appointments)
    .where(eq(appointments.organisationId, organisationId))
    .groupBy(appointments.product)
    .orderBy(asc(appointments.product))
    .all();
}

/**
 * Maps an organisation's product to one of its journeys and (optionally) one of its active
 * touchpoints, replacing its earlier mapping of the same product. Products need not have appointments yet.
 */
export function mapProduct(
  db: Db,
  input: { product: string; journey: string; touchpoint?: string },
  organisationId: number = HOSTING_ORGANISATION_ID,
): { product: string; journey: Journey; touchpoint?: Touchpoint; previous?: ProductMapping } {
  const product = input.product.trim().replace(/\s+/g, ' ');
  if (!product) throw new ProductMappingError('product', productMessages.product);
  if (product.length > PRODUCT_MAX_LENGTH) throw new ProductMappingError('product', productMessages.productTooLong);
  const target = findMappingTarget(db, input, organisationId);
  if ('field' in target) throw new ProductMappingError(target.field, target.message);
  const { journey, touchpoint } = target;
  const previous = listProductMappings(db, organisationId).find((mapping) => mapping.product === product);
  db.insert(appointmentProducts)
    .values({ organisationId, product, journeyId: journey.id, touchpointId: touchpoint?.id ?? null })
    .onConflictDoUpdate({ target: [appointmentProducts.organisationId, appointmentProducts.product], set: { journeyId: journey.id, touchpointId: touchpoint?.id ?? null } })
    .run();
  return { product, journey, touchpoint, previous };
}
