/* agent-customer-slot.c — one row of the customer list, whichever customer it shows now
 *
 * The customer list keeps its rows when the agent searches again: a slot stays at its
 * position and only says that it now holds another customer (notify::customer), so that the
 * row on screen relabels itself instead of being built anew. A slot with no customer stands
 * for a row whose page has not arrived.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-slot"

#include "config.h"

#include "agent-customer-slot.h"

struct _AgentCustomerSlot
{
  GObject      parent_instance;

  guint        position;

  /* Owned */
  BbhCustomer *customer;
};

G_DEFINE_FINAL_TYPE (AgentCustomerSlot, agent_customer_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
agent_customer_slot_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AgentCustomerSlot *self = AGENT_CUSTOMER_SLOT (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_customer_slot_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AgentCustomerSlot *self = AGENT_CUSTOMER_SLOT (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_customer_slot_dispose (GObject *object)
{
  AgentCustomerSlot *self = AGENT_CUSTOMER_SLOT (object);

  g_clear_object (&self->customer);

  G_OBJECT_CLASS (agent_customer_slot_parent_class)->dispose (object);
}

static void
agent_customer_slot_class_init (AgentCustomerSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_customer_slot_get_property;
  object_class->set_property = agent_customer_slot_set_property;
  object_class->dispose = agent_customer_slot_dispose;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, BBH_TYPE_CUSTOMER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
agent_customer_slot_init (AgentCustomerSlot *self)
{
}

AgentCustomerSlot *
agent_customer_slot_new (guint position)
{
  return g_object_new (AGENT_TYPE_CUSTOMER_SLOT, "position", position, NULL);
}

guint
agent_customer_slot_get_position (AgentCustomerSlot *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_SLOT (self), 0);

  return self->position;
}

/**
 * agent_customer_slot_get_customer:
 * @self: a slot
 *
 * Returns: (transfer none) (nullable): the customer in this row, %NULL while its page is on
 *   its way
 */
BbhCustomer *
agent_customer_slot_get_customer (AgentCustomerSlot *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_SLOT (self), NULL);

  return self->customer;
}

/**
 * agent_customer_slot_set_customer:
 * @self: a slot
 * @customer: (nullable): the customer now in this row
 *
 * Notifies `customer` when it is another one.
 */
void
agent_customer_slot_set_customer (AgentCustomerSlot *self,
                                  BbhCustomer       *customer)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_SLOT (self));
  g_return_if_fail (customer == NULL || BBH_IS_CUSTOMER (customer));

  if (g_set_object (&self->customer, customer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}
