// The resource schemas this service provider serves (RFC 7643 §4 and §8.7.1), as data: `/Schemas` renders
// them, and everything that reads a resource (normalising bodies, filters, PATCH paths, `attributes`) resolves
// attribute names through them, case-insensitively (RFC 7643 §2.1).

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'reference'
  | 'complex';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

function attr(name: string, type: AttributeType, description: string, options: Options = {}) {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  } satisfies AttributeDefinition;
}

/** A multi-valued attribute with the standard `value`, `display`, `type` and `primary` sub-attributes. */
function multi(name: string, description: string, types: string[], value: Options = {}) {
  return attr(name, 'complex', description, {
    multiValued: true,
    subAttributes: [
      attr('value', 'string', `The ${name} value.`, value),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes.'),
      attr('type', 'string', 'A label indicating the function of the value.', {
        ...(types.length ? { canonicalValues: types } : {}),
      }),
      attr('primary', 'boolean', 'Indicates the preferred value for this attribute.'),
    ],
  });
}

const reference = (name: string, types: string[], options: Options = {}) =>
  attr(name, 'reference', `The URI of the corresponding resource.`, { referenceTypes: types, ...options });

export const userSchema: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr(
      'userName',
      'string',
      'Unique identifier for the User, used to authenticate. Unique per workspace.',
      {
        required: true,
        uniqueness: 'server',
      },
    ),
    attr('name', 'complex', "The components of the user's real name.", {
      subAttributes: [
        attr('formatted', 'string', 'The full name, formatted for display.'),
        attr('familyName', 'string', 'The family name of the User.'),
        attr('givenName', 'string', 'The given name of the User.'),
        attr('middleName', 'string', 'The middle name(s) of the User.'),
        attr('honorificPrefix', 'string', 'The honorific prefix(es) of the User.'),
        attr('honorificSuffix', 'string', 'The honorific suffix(es) of the User.'),
      ],
    }),
    attr('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
    attr('nickName', 'string', 'The casual way to address the user.'),
    reference('profileUrl', ['external']),
    attr('title', 'string', "The user's title, such as 'Vice President'."),
    attr('userType', 'string', 'The relationship between the organization and the user.'),
    attr('preferredLanguage', 'string', "The User's preferred written or spoken language."),
    attr('locale', 'string', "The user's default location for localizing values."),
    attr('timezone', 'string', "The User's time zone in the IANA Time Zone database format."),
    attr('active', 'boolean', "The User's administrative status; false suspends or removes the member."),
    attr('password', 'string', 'Not stored: this workspace signs users in through its identity provider.', {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multi('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
    multi('phoneNumbers', 'Phone numbers for the User.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multi('ims', 'Instant messaging addresses for the User.', []),
    multi('photos', 'URLs of photos of the User.', ['photo', 'thumbnail']),
    attr('addresses', 'complex', 'A physical mailing address for this User.', {
      multiValued: true,
      subAttributes: [
        attr('formatted', 'string', 'The full mailing address, formatted for display.'),
        attr('streetAddress', 'string', 'The full street address component.'),
        attr('locality', 'string', 'The city or locality component.'),
        attr('region', 'string', 'The state or region component.'),
        attr('postalCode', 'string', 'The zip code or postal code component.'),
        attr('country', 'string', 'The country name component.'),
        attr('type', 'string', 'A label indicating the function of the address.', {
          canonicalValues: ['work', 'home', 'other'],
        }),
        attr('primary', 'boolean', 'Indicates the preferred mailing address.'),
      ],
    }),
    attr('groups', 'complex', 'The groups the user belongs to (read-only: change them through Groups).', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        attr('value', 'string', 'The id of the Group.', { mutability: 'readOnly' }),
        reference('$ref', ['Group'], { mutability: 'readOnly' }),
        attr('display', 'string', "The group's displayName.", { mutability: 'readOnly' }),
        attr('type', 'string', 'Direct membership.', { mutability: 'readOnly', canonicalValues: ['direct'] }),
      ],
    }),
    multi('entitlements', 'A list of entitlements for the User.', []),
    multi('roles', 'A list of roles for the User.', []),
    multi('x509Certificates', 'A list of certificates issued to the User.', []),
  ],
};

export const enterpriseUserSchema: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person.'),
    attr('costCenter', 'string', 'Identifies the name of a cost center.'),
    attr('organization', 'string', 'Identifies the name of an organization.'),
    attr('division', 'string', 'Identifies the name of a division.'),
    attr('department', 'string', 'Identifies the name of a department.'),
    attr('manager', 'complex', "The User's manager.", {
      subAttributes: [
        attr('value', 'string', 'The id of the SCIM resource representing the manager.'),
        reference('$ref', ['User']),
        attr('displayName', 'string', 'The displayName of the manager.', { mutability: 'readOnly' }),
      ],
    }),
  ],
};

export const groupSchema: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', 'A human-readable name for the Group.', { required: true }),
    attr('members', 'complex', 'A list of members of the Group (users of this connection).', {
      multiValued: true,
      subAttributes: [
        attr('value', 'string', 'The id of the member User.', { mutability: 'immutable', caseExact: true }),
        reference('$ref', ['User'], { mutability: 'immutable' }),
        attr('display', 'string', "The member's displayName.", { mutability: 'readOnly' }),
        attr('type', 'string', 'The type of the member.', {
          mutability: 'immutable',
          canonicalValues: ['User'],
        }),
      ],
    }),
  ],
};

/** Attributes every resource has (RFC 7643 §3.1), resolved before the resource's own schema. */
export const commonAttributes: AttributeDefinition[] = [
  attr('id', 'string', 'Unique identifier of the resource, issued by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr('externalId', 'string', "The identity provider's own identifier of the resource.", {
    caseExact: true,
  }),
  attr('meta', 'complex', 'Resource metadata.', {
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', 'string', 'The name of the resource type.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      attr('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
      attr('location', 'reference', 'The URI of the resource.', { mutability: 'readOnly' }),
      attr('version', 'string', 'The weak ETag of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
  }),
];

/** A resource type as served: its core schema and its extensions. */
export interface ResourceType {
  name: 'User' | 'Group';
  endpoint: '/Users' | '/Groups';
  schema: SchemaDefinition;
  extensions: SchemaDefinition[];
}

export const userResourceType: ResourceType = {
  name: 'User',
  endpoint: '/Users',
  schema: userSchema,
  extensions: [enterpriseUserSchema],
};

export const groupResourceType: ResourceType = {
  name: 'Group',
  endpoint: '/Groups',
  schema: groupSchema,
  extensions: [],
};

export const allSchemas = [userSchema, enterpriseUserSchema, groupSchema];
