/* bbh-event-filter.c — BbhEventStream's back-off schedule and batch filter
 *
 * See bbh-event-stream-private.h. Nothing here sends a request or touches a main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-event-stream"

#include "config.h"

#include "bbh-event-private.h"
#include "bbh-event-stream-private.h"

#define MAX_REMEMBERED_PHONES 1024

struct _BbhEventFilter
{
  GHashTable *seen;            /* gint64 watermarks above the request watermark, handled */
  GHashTable *last_by_phone;   /* phone → "kind|status|cdrId" of its latest event */
};

guint
bbh_backoff_next (guint previous_ms)
{
  if (previous_ms == 0)
    return BBH_BACKOFF_FIRST_MS;
  return MIN (MIN (previous_ms, BBH_BACKOFF_MAX_MS) * 2, BBH_BACKOFF_MAX_MS);
}

/* With jitter a room of agents does not come back to the server in the same second. */
guint
bbh_backoff_spread (guint  delay_ms,
                    GRand *rand)
{
  double spread = g_rand_double_range (rand, 0.8, 1.2);

  return MIN ((guint) (delay_ms * spread), BBH_BACKOFF_MAX_MS);
}

BbhEventFilter *
bbh_event_filter_new (void)
{
  BbhEventFilter *filter = g_new0 (BbhEventFilter, 1);

  filter->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  filter->last_by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return filter;
}

void
bbh_event_filter_free (BbhEventFilter *filter)
{
  if (filter == NULL)
    return;
  g_hash_table_unref (filter->seen);
  g_hash_table_unref (filter->last_by_phone);
  g_free (filter);
}

void
bbh_event_filter_reset (BbhEventFilter *filter)
{
  g_hash_table_remove_all (filter->seen);
  g_hash_table_remove_all (filter->last_by_phone);
}

static int
compare_watermark (gconstpointer a,
                   gconstpointer b)
{
  gint64 wa = bbh_event_get_watermark (*(BbhEvent **) a);
  gint64 wb = bbh_event_get_watermark (*(BbhEvent **) b);

  return wa < wb ? -1 : wa > wb ? 1 : 0;
}

GPtrArray *
bbh_event_filter_sort (GListModel *items)
{
  guint n = g_list_model_get_n_items (items);
  GPtrArray *all = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (items, i));
  /* Stable (GLib's sort is a merge sort): messages without a watermark keep their place
   * among themselves. */
  g_ptr_array_sort (all, compare_watermark);
  return all;
}

static void
remember (BbhEventFilter *filter,
          gint64          watermark)
{
  gint64 *key;

  if (watermark < 0)
    return;
  key = g_new (gint64, 1);
  *key = watermark;
  g_hash_table_add (filter->seen, key);
}

static gboolean
on_prune_seen_cb (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  return *(gint64 *) key <= *(gint64 *) user_data;
}

/* What is at or below the next request's watermark will not come again. */
static void
prune (BbhEventFilter *filter,
       gint64          next)
{
  g_hash_table_foreach_remove (filter->seen, on_prune_seen_cb, &next);
}

/* (phone, kind, status, cdrId) equal to that phone's previous event: the SDK drops these, the
 * server repeats a message when a client re-sends it. */
static gboolean
is_repeat (BbhEventFilter *filter,
           BbhEvent       *event)
{
  const char *phone = bbh_event_get_phone (event);
  g_autofree char *key = g_strdup_printf ("%d|%d|%" G_GINT64_FORMAT,
                                          bbh_event_get_kind (event),
                                          bbh_event_get_status (event),
                                          bbh_event_get_cdr_id (event));

  if (g_strcmp0 (g_hash_table_lookup (filter->last_by_phone, phone), key) == 0)
    return TRUE;

  if (g_hash_table_size (filter->last_by_phone) >= MAX_REMEMBERED_PHONES)
    g_hash_table_remove_all (filter->last_by_phone);
  g_hash_table_replace (filter->last_by_phone, g_strdup (phone), g_steal_pointer (&key));
  return FALSE;
}

gint64
bbh_event_filter_skip (BbhEventFilter *filter,
                       GPtrArray      *sorted,
                       gint64          base,
                       gint64          server_watermark)
{
  gint64 next = base;

  for (guint i = 0; i < sorted->len; i++)
    {
      BbhEvent *event = g_ptr_array_index (sorted, i);

      if (*bbh_event_get_phone (event) != '\0')
        next = MAX (next, bbh_event_get_watermark (event));
      remember (filter, bbh_event_get_watermark (event));
    }
  if (server_watermark >= 0)
    next = MAX (next, server_watermark);
  prune (filter, next);
  return next;
}

GPtrArray *
bbh_event_filter_select (BbhEventFilter *filter,
                         GPtrArray      *sorted,
                         gint64          base,
                         gboolean        backlog,
                         gint64         *out_next)
{
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 next = base;

  for (guint i = 0; i < sorted->len; i++)
    {
      BbhEvent *event = g_ptr_array_index (sorted, i);
      gint64 wm = bbh_event_get_watermark (event);
      gint64 key = wm;

      if (wm >= 0 && (wm <= base || g_hash_table_contains (filter->seen, &key)))
        continue;
      remember (filter, wm);

      /* A message without a number does not move the watermark (the SDK ignores it). */
      if (*bbh_event_get_phone (event) != '\0')
        next = MAX (next, wm);

      if (is_repeat (filter, event))
        continue;

      if (backlog)
        bbh_event_set_backlog (event, TRUE);
      g_ptr_array_add (fresh, g_object_ref (event));
    }

  prune (filter, next);
  *out_next = next;
  return fresh;
}
