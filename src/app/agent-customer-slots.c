/* agent-customer-slots.c — the customer list's rows over a paged model, kept across searches
 *
 * A GListModel of AgentCustomerSlot, one per row of an AgentPagedModel of BbhCustomer. When
 * the paged model replaces rows — a new search answered, a page arrived — the slots at those
 * positions stay and take their new customers (notify::customer); only a change in the number
 * of rows is passed on, at the end of the list. So a search that GTK would answer by building
 * every row widget again (GTK 4.8 makes about 200 around the visible ones, each a template)
 * relabels the rows it has instead, and a list view never sees the rows it tracks (the focus,
 * the scroll anchor) removed and added again, which in GTK 4.8 makes it look at every row of
 * the new answer.
 *
 * AgentPagedModel answers a reload by removing every row and then adding the new ones, both
 * at once: the slots take that as one change (the rows wait for the second emission, or for
 * the main loop when none follows). A limit (agent_customer_slots_set_limit()) lets a list
 * that grows from a few rows to many grow over a few frames.
 *
 * Slots are made when the list asks for them and live while it holds them. The slots read
 * loaded rows only (agent_paged_model_peek_item()): fetching is the page's business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-slots"

#include "config.h"

#include "agent-customer-slots.h"

struct _AgentCustomerSlots
{
  GObject          parent_instance;

  /* Owned */
  AgentPagedModel *model;
  GHashTable      *slots;     /* position → AgentCustomerSlot, weak */

  guint            n_items;   /* lags the model's while it is emptied for a reload */
  guint            limit;     /* at most this many rows, for now */
  guint            emptied_id;
};

static void agent_customer_slots_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentCustomerSlots, agent_customer_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      agent_customer_slots_list_model_init))

static void
on_slot_gone_cb (gpointer  data,
                 GObject  *where)
{
  AgentCustomerSlots *self = data;
  guint position = agent_customer_slot_get_position ((AgentCustomerSlot *) where);

  if (g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position)) == (gpointer) where)
    g_hash_table_remove (self->slots, GUINT_TO_POINTER (position));
}

static GPtrArray *
list_slots (AgentCustomerSlots *self)
{
  GPtrArray *slots = g_ptr_array_new_full (g_hash_table_size (self->slots), g_object_unref);
  GHashTableIter iter;
  gpointer slot;

  /* Held while they are worked on: a row may let go of its slot when it is told. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    g_ptr_array_add (slots, g_object_ref (slot));
  return slots;
}

static void
forget_slot (AgentCustomerSlots *self,
             AgentCustomerSlot  *slot)
{
  g_object_weak_unref (G_OBJECT (slot), on_slot_gone_cb, self);
  g_hash_table_remove (self->slots, GUINT_TO_POINTER (agent_customer_slot_get_position (slot)));
}

/* Brings the slots to the paged model's @n rows: those in [@position, @end) hold another
 * customer now; a change in the number of rows is passed on at the end. */
static void
sync_slots (AgentCustomerSlots *self,
            guint               position,
            guint               end,
            guint               n)
{
  g_autoptr(GPtrArray) slots = list_slots (self);
  guint old = self->n_items;

  for (guint i = 0; i < slots->len; i++)
    {
      AgentCustomerSlot *slot = g_ptr_array_index (slots, i);
      guint at = agent_customer_slot_get_position (slot);

      if (at >= n)
        forget_slot (self, slot);
      else if (at >= position && at < end)
        agent_customer_slot_set_customer (slot, agent_paged_model_peek_item (self->model, at));
    }

  self->n_items = n;
  if (n < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n, old - n, 0);
  else if (n > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
}

static guint
limited (AgentCustomerSlots *self,
         guint               n)
{
  return MIN (n, self->limit);
}

static gboolean
on_emptied_cb (gpointer user_data)
{
  AgentCustomerSlots *self = user_data;

  self->emptied_id = 0;
  sync_slots (self, 0, 0, limited (self, g_list_model_get_n_items (G_LIST_MODEL (self->model))));
  return G_SOURCE_REMOVE;
}

static void
on_items_changed_cb (AgentCustomerSlots *self,
                     guint               position,
                     guint               removed,
                     guint               added,
                     GListModel         *model)
{
  guint n = limited (self, g_list_model_get_n_items (model));
  guint end;

  if (self->emptied_id != 0)
    {
      /* Emptied and filled again at once: every row may hold another customer. */
      g_clear_handle_id (&self->emptied_id, g_source_remove);
      position = 0;
      end = MIN (self->n_items, n);
    }
  else if (n == 0 && self->n_items > 0)
    {
      /* A reload may empty the model and fill it again in two steps: the rows wait for the
       * second, or for the main loop if none comes, so that they are kept, not rebuilt. */
      self->emptied_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_emptied_cb, self, NULL);
      return;
    }
  else
    {
      /* Rows after a change in the number of rows all moved: they all hold another one. */
      end = removed == added ? position + added : MIN (self->n_items, n);
    }

  sync_slots (self, position, end, n);
}

static GType
agent_customer_slots_get_item_type (GListModel *model)
{
  return AGENT_TYPE_CUSTOMER_SLOT;
}

static guint
agent_customer_slots_get_n_items (GListModel *model)
{
  return AGENT_CUSTOMER_SLOTS (model)->n_items;
}

static gpointer
agent_customer_slots_get_item (GListModel *model,
                               guint       position)
{
  AgentCustomerSlots *self = AGENT_CUSTOMER_SLOTS (model);
  AgentCustomerSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = agent_customer_slot_new (position);
  agent_customer_slot_set_customer (slot, agent_paged_model_peek_item (self->model, position));
  g_object_weak_ref (G_OBJECT (slot), on_slot_gone_cb, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
agent_customer_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = agent_customer_slots_get_item_type;
  iface->get_n_items = agent_customer_slots_get_n_items;
  iface->get_item = agent_customer_slots_get_item;
}

static void
agent_customer_slots_dispose (GObject *object)
{
  AgentCustomerSlots *self = AGENT_CUSTOMER_SLOTS (object);

  g_clear_handle_id (&self->emptied_id, g_source_remove);
  if (self->slots != NULL)
    {
      g_autoptr(GPtrArray) slots = list_slots (self);

      for (guint i = 0; i < slots->len; i++)
        forget_slot (self, g_ptr_array_index (slots, i));
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (agent_customer_slots_parent_class)->dispose (object);
}

static void
agent_customer_slots_finalize (GObject *object)
{
  AgentCustomerSlots *self = AGENT_CUSTOMER_SLOTS (object);

  g_clear_pointer (&self->slots, g_hash_table_unref);

  G_OBJECT_CLASS (agent_customer_slots_parent_class)->finalize (object);
}

static void
agent_customer_slots_class_init (AgentCustomerSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = agent_customer_slots_dispose;
  object_class->finalize = agent_customer_slots_finalize;
}

static void
agent_customer_slots_init (AgentCustomerSlots *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
  self->limit = G_MAXUINT;
}

/**
 * agent_customer_slots_new:
 * @model: an #AgentPagedModel of #BbhCustomer
 *
 * Returns: (transfer full): the rows of @model, as slots that outlive a reload
 */
AgentCustomerSlots *
agent_customer_slots_new (AgentPagedModel *model)
{
  AgentCustomerSlots *self;

  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (model), NULL);

  self = g_object_new (AGENT_TYPE_CUSTOMER_SLOTS, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * agent_customer_slots_get_limit:
 * @self: the slots
 *
 * Returns: how many rows the slots show at most (%G_MAXUINT: all)
 */
guint
agent_customer_slots_get_limit (AgentCustomerSlots *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_SLOTS (self), 0);

  return self->limit;
}

/**
 * agent_customer_slots_set_limit:
 * @self: the slots
 * @limit: show at most this many of the model's rows; %G_MAXUINT for all
 *
 * A list view builds a widget for every new row near the top (GTK 4.8: about 200), all
 * before it paints. A list that grows from a few rows to many can be let grow a screenful
 * first and the rest after it is painted.
 */
void
agent_customer_slots_set_limit (AgentCustomerSlots *self,
                                guint               limit)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_SLOTS (self));

  if (self->limit == limit)
    return;

  self->limit = limit;
  if (self->emptied_id == 0)
    sync_slots (self, 0, 0, limited (self, g_list_model_get_n_items (G_LIST_MODEL (self->model))));
}

/**
 * agent_customer_slots_refresh:
 * @self: the slots
 *
 * Has every slot the list holds say `customer` again, so that its row shows it anew (what the
 * row makes of a customer changed, not the customer).
 */
void
agent_customer_slots_refresh (AgentCustomerSlots *self)
{
  g_autoptr(GPtrArray) slots = NULL;

  g_return_if_fail (AGENT_IS_CUSTOMER_SLOTS (self));

  slots = list_slots (self);
  for (guint i = 0; i < slots->len; i++)
    g_object_notify (g_ptr_array_index (slots, i), "customer");
}
