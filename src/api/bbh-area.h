/* bbh-area.h — where a number is from, as getAreaPhone answers (section 2.4.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_AREA (bbh_area_get_type ())

G_DECLARE_FINAL_TYPE (BbhArea, bbh_area, BBH, AREA, GObject)

const char  *bbh_area_get_area       (BbhArea *self);
const char  *bbh_area_get_phone      (BbhArea *self);
const char  *bbh_area_get_area_code  (BbhArea *self);

G_END_DECLS
