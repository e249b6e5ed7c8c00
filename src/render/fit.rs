//! The fit of projected data onto the page: projected **metres** to design
//! px, y down, and back.

use crate::map::clip::Rect;

/// Screen transform: projected metres → design px (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fit {
    /// Design px per projected metre.
    pub scale: f64,
    /// Projected point shown at `screen_centre`.
    centre: (f64, f64),
    screen_centre: (f64, f64),
}

impl Fit {
    /// A projected point on the page.
    pub(crate) fn screen(self, m: (f64, f64)) -> (f64, f64) {
        (
            self.screen_centre.0 + (m.0 - self.centre.0) * self.scale,
            self.screen_centre.1 - (m.1 - self.centre.1) * self.scale,
        )
    }

    /// A point on the page in projected metres.
    pub(crate) fn metres(self, p: (f64, f64)) -> (f64, f64) {
        (
            self.centre.0 + (p.0 - self.screen_centre.0) / self.scale,
            self.centre.1 - (p.1 - self.screen_centre.1) / self.scale,
        )
    }

    /// Fit a box of projected metres into a page region with a margin.
    #[cfg(test)]
    pub(crate) fn new(data: &Rect, region: &Rect, margin: f64) -> Fit {
        Fit::with_margins(data, region, (margin, margin))
    }

    /// Fit a box of projected metres into a page region with margins
    /// across (left and right) and down (top and bottom).
    pub(crate) fn with_margins(data: &Rect, region: &Rect, (mx, my): (f64, f64)) -> Fit {
        let avail_w = (region.width() - 2.0 * mx).max(1.0);
        let avail_h = (region.height() - 2.0 * my).max(1.0);
        let scale = (avail_w / data.width().max(1.0)).min(avail_h / data.height().max(1.0));
        Fit {
            scale,
            centre: ((data.x0 + data.x1) / 2.0, (data.y0 + data.y1) / 2.0),
            screen_centre: ((region.x0 + region.x1) / 2.0, (region.y0 + region.y1) / 2.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fit_maps_the_data_box_into_the_region_and_back() {
        let data = Rect::new(-1000.0, -500.0, 1000.0, 500.0);
        let region = Rect::new(0.0, 0.0, 420.0, 220.0);
        let fit = Fit::new(&data, &region, 10.0);
        assert_eq!(fit.scale, 0.2);
        assert_eq!(fit.screen((-1000.0, 500.0)), (10.0, 10.0));
        let back = fit.metres((10.0, 10.0));
        assert!((back.0 + 1000.0).abs() < 1e-9 && (back.1 - 500.0).abs() < 1e-9);
    }
}
