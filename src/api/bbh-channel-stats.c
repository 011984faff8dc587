/* bbh-channel-stats.c
 *
 * Section 2.2.1: five counters and the channelviewinfo rows. The counters are 0 when the
 * server leaves them out; the rows are BbhChannelInfo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-channel-stats"

#include "config.h"

#include "bbh-admin-private.h"
#include "bbh-channel-info-private.h"
#include "bbh-channel-stats-private.h"

struct _BbhChannelStats
{
  GObject parent_instance;

  int         total;
  int         group_call;
  int         used_group_call;
  int         used_normal;
  int         normal;
  GListModel *channels;
};

G_DEFINE_FINAL_TYPE (BbhChannelStats, bbh_channel_stats, G_TYPE_OBJECT)

static const BbhAdminField fields[] = {
  BBH_ADMIN_INT ("total-channels", "totalNum", NULL, BbhChannelStats, total, 0),
  BBH_ADMIN_INT ("group-call-channels", "totalGroupCallNum", NULL, BbhChannelStats, group_call, 0),
  BBH_ADMIN_INT ("used-group-call", "useGroupCallNum", NULL, BbhChannelStats, used_group_call, 0),
  BBH_ADMIN_INT ("used-normal", "useAgiCallNum", NULL, BbhChannelStats, used_normal, 0),
  BBH_ADMIN_INT ("normal-channels", "channelNum", NULL, BbhChannelStats, normal, 0),
};

enum {
  PROP_CHANNELS = G_N_ELEMENTS (fields) + 1,
};

/* The counters at the top as documented, or under `data` on servers that wrap answers. */
gpointer
bbh_channel_stats_parse (JsonObject  *root,
                         GError     **error)
{
  g_autoptr(BbhList) rows = bbh_list_new (BBH_TYPE_CHANNEL_INFO);
  BbhChannelStats *self;
  JsonObject *o = root;

  if (!json_object_has_member (o, "totalNum") && !json_object_has_member (o, "channelviewinfo")
      && bbh_json_get_object (root, "data") != NULL)
    o = bbh_json_get_object (root, "data");

  self = g_object_new (BBH_TYPE_CHANNEL_STATS, NULL);
  bbh_admin_fields_parse (self, fields, G_N_ELEMENTS (fields), o);
  bbh_admin_list_append_rows (rows, o, bbh_channel_info_new_from_json,
                              "channelviewinfo", "channelViewInfo", "rows", NULL);
  self->channels = bbh_list_steal (g_steal_pointer (&rows), NULL);
  return self;
}

static void
bbh_channel_stats_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BbhChannelStats *self = BBH_CHANNEL_STATS (object);

  if (prop_id == PROP_CHANNELS)
    g_value_set_object (value, self->channels);
  else if (!bbh_admin_fields_get_property (object, fields, G_N_ELEMENTS (fields), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bbh_channel_stats_dispose (GObject *object)
{
  BbhChannelStats *self = BBH_CHANNEL_STATS (object);

  g_clear_object (&self->channels);

  G_OBJECT_CLASS (bbh_channel_stats_parent_class)->dispose (object);
}

static void
bbh_channel_stats_class_init (BbhChannelStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_channel_stats_get_property;
  object_class->dispose = bbh_channel_stats_dispose;

  bbh_admin_fields_install (object_class, fields, G_N_ELEMENTS (fields));
  g_object_class_install_property (object_class, PROP_CHANNELS,
                                   g_param_spec_object ("channels", NULL, NULL, G_TYPE_LIST_MODEL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
bbh_channel_stats_init (BbhChannelStats *self)
{
}

/**
 * bbh_channel_stats_get_total_channels:
 *
 * Returns: `totalNum`, every channel of the company.
 */
int
bbh_channel_stats_get_total_channels (BbhChannelStats *self)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_STATS (self), 0);
  return self->total;
}

/**
 * bbh_channel_stats_get_group_call_channels:
 *
 * Returns: `totalGroupCallNum`, the channels for outbound campaigns.
 */
int
bbh_channel_stats_get_group_call_channels (BbhChannelStats *self)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_STATS (self), 0);
  return self->group_call;
}

/**
 * bbh_channel_stats_get_used_group_call:
 *
 * Returns: `useGroupCallNum`, campaign channels in use now.
 */
int
bbh_channel_stats_get_used_group_call (BbhChannelStats *self)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_STATS (self), 0);
  return self->used_group_call;
}

/**
 * bbh_channel_stats_get_used_normal:
 *
 * Returns: `useAgiCallNum`, ordinary channels in use now.
 */
int
bbh_channel_stats_get_used_normal (BbhChannelStats *self)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_STATS (self), 0);
  return self->used_normal;
}

/**
 * bbh_channel_stats_get_normal_channels:
 *
 * Returns: `channelNum`, the ordinary (agent) channels.
 */
int
bbh_channel_stats_get_normal_channels (BbhChannelStats *self)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_STATS (self), 0);
  return self->normal;
}

/**
 * bbh_channel_stats_get_channels:
 *
 * Returns: (transfer none): a #GListModel of #BbhChannelInfo, the channelviewinfo rows.
 */
GListModel *
bbh_channel_stats_get_channels (BbhChannelStats *self)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_STATS (self), NULL);
  return self->channels;
}
